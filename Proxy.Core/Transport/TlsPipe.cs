using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;

namespace Proxy.Core.Transport;

/// <summary>
/// TLS started inside a protocol (PostgreSQL's SSLRequest, MySQL's SSL capability): an <see cref="SslStream"/>
/// over the connection's pipes, and new pipes over the stream, so the protocol goes on reading and writing
/// pipes with the plaintext. The handshake begins with whatever the connection's reader holds now.
/// </summary>
public sealed class TlsPipe : IDuplexPipe
{
    private TlsPipe(SslStream stream)
    {
        Stream = stream;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: TransportOptions.SegmentSize, minimumReadSize: 4096, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 4096, leaveOpen: true));
    }

    public SslStream Stream { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>The server side: terminates the client's TLS with <paramref name="options"/>' certificate.</summary>
    public static async Task<TlsPipe> AcceptAsync(IDuplexPipe connection, SslServerAuthenticationOptions options, CancellationToken cancellationToken)
    {
        var stream = new SslStream(new PipeStream(connection), leaveInnerStreamOpen: false);
        try
        {
            await stream.AuthenticateAsServerAsync(options, cancellationToken).ConfigureAwait(false);
            return new TlsPipe(stream);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The client side: TLS to an upstream, verified as <paramref name="options"/> say.</summary>
    public static async Task<TlsPipe> ConnectAsync(IDuplexPipe connection, SslClientAuthenticationOptions options, CancellationToken cancellationToken)
    {
        var stream = new SslStream(new PipeStream(connection), leaveInnerStreamOpen: false);
        try
        {
            await stream.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return new TlsPipe(stream);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A <see cref="System.IO.Stream"/> over a duplex pipe: what <see cref="SslStream"/> needs beneath it.</summary>
    private sealed class PipeStream(IDuplexPipe pipe) : Stream
    {
        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (true)
            {
                var result = await pipe.Input.ReadAsync(cancellationToken).ConfigureAwait(false);
                var available = result.Buffer;
                if (!available.IsEmpty)
                {
                    var count = (int)Math.Min(available.Length, buffer.Length);
                    available.Slice(0, count).CopyTo(buffer.Span);
                    pipe.Input.AdvanceTo(available.GetPosition(count));
                    return count;
                }

                pipe.Input.AdvanceTo(available.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return 0;
                }
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await pipe.Output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => pipe.Output.FlushAsync(cancellationToken).AsTask();

        public override void Flush() => throw new NotSupportedException("synchronous I/O on a pipe");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous I/O on a pipe");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous I/O on a pipe");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // The end of TLS is the end of the connection beneath it: a FIN to the peer.
                pipe.Output.Complete();
                pipe.Input.Complete();
            }

            base.Dispose(disposing);
        }
    }
}
