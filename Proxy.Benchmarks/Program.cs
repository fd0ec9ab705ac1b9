using BenchmarkDotNet.Running;
using Proxy.Benchmarks;
using Proxy.Benchmarks.Macro;

// micro: BenchmarkDotNet over the in-process benchmarks (pipes, framers, …), any BenchmarkDotNet
// arguments after it. macro: the whole proxy as a separate process against real servers; see
// docs/benchmarks.md.
switch (args)
{
    case ["micro", .. var rest]:
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(rest, new BenchmarkConfig());
        return 0;
    case ["budgets", .. var rest]:
        return Proxy.Benchmarks.Budgets.BudgetCommand.Run(rest);
    case ["writer-cpu", .. var rest]:
        return Proxy.Benchmarks.SessionLog.WriterCpuCommand.Run(rest);
    case ["macro", .. var rest]:
        return await MacroCommand.RunAsync(rest);
    default:
        Console.Error.WriteLine("""
            usage: dotnet run -c Release --project Proxy.Benchmarks -- micro [BenchmarkDotNet arguments]
                   dotnet run -c Release --project Proxy.Benchmarks -- budgets [--budgets FILE] [--counts FILE]
                   dotnet run -c Release --project Proxy.Benchmarks -- writer-cpu [--events N] [--rounds N] [--sessions N] [--batch N] [--shape simple|prepared]
                   dotnet run -c Release --project Proxy.Benchmarks -- macro [--quick] [--rounds N] [--seconds N]
                                                                             [--bytes SIZE] [--only bulk|pgbench|idle]
            See docs/benchmarks.md.
            """);
        return 2;
}
