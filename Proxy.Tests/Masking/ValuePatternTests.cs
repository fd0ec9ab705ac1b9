using System.Buffers.Text;
using System.Text;
using Proxy.Core.Masking;
using static Proxy.Tests.Masking.MaskTestText;

namespace Proxy.Tests.Masking;

public sealed class ValuePatternTests
{
    private const string JwtIoExample =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    private static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [TestCase("alice@example.com", "alice@example.com")]
    [TestCase("mail bob.smith+tag@mail.example.co.uk now", "bob.smith+tag@mail.example.co.uk")]
    [TestCase("Write to ops@corp-1.io.", "ops@corp-1.io")]
    [TestCase("<x_y@sub.domain.org>", "x_y@sub.domain.org")]
    [TestCase(".dot@example.com", "dot@example.com")]
    public void Email_matches(string text, string expected)
    {
        Assert.That(Matches(ValuePatterns.Email, text), Is.EqualTo(new[] { expected }));
    }

    [TestCase("no at sign here")]
    [TestCase("user@localhost")]
    [TestCase("user@example.c")]
    [TestCase("user@-example.com")]
    [TestCase("@example.com")]
    [TestCase("trailingdot.@example.com")]
    [TestCase("user@example.123")]
    [TestCase("a @ b.com")]
    public void Email_does_not_match(string text)
    {
        Assert.That(Matches(ValuePatterns.Email, text), Is.Empty);
    }

    [TestCase("4111111111111111", "4111111111111111")]
    [TestCase("card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111")]
    [TestCase("5500-0055-5555-5559", "5500-0055-5555-5559")]
    [TestCase("amex 378282246310005.", "378282246310005")]
    [TestCase("4012888888881881", "4012888888881881")]
    [TestCase("6011111111111117", "6011111111111117")]
    [TestCase("19 digits 6011000000000000001", "6011000000000000001")]
    [TestCase("4111 1111 1111 1111 43", "4111 1111 1111 1111")]
    public void Credit_card_matches_luhn_valid_numbers(string text, string expected)
    {
        Assert.That(Matches(ValuePatterns.CreditCard, text), Is.EqualTo(new[] { expected }));
    }

    [TestCase("4111111111111112")]
    [TestCase("4111 1111 1111 1112")]
    [TestCase("411111111111")]
    [TestCase("41111111111111111111111")]
    [TestCase("id4111111111111111")]
    [TestCase("4111111111111111x")]
    [TestCase("4111  1111 1111 1111")]
    [TestCase("0000-0000")]
    public void Credit_card_does_not_match(string text)
    {
        Assert.That(Matches(ValuePatterns.CreditCard, text), Is.Empty);
    }

    [TestCase("123-45-6789", "123-45-6789")]
    [TestCase("ssn: 078-05-1120;", "078-05-1120")]
    [TestCase("899-99-9999", "899-99-9999")]
    public void Ssn_matches(string text, string expected)
    {
        Assert.That(Matches(ValuePatterns.Ssn, text), Is.EqualTo(new[] { expected }));
    }

    [TestCase("000-12-3456", TestName = "area 000")]
    [TestCase("666-12-3456", TestName = "area 666")]
    [TestCase("900-12-3456", TestName = "area 900")]
    [TestCase("999-12-3456", TestName = "area 999")]
    [TestCase("123-00-4567", TestName = "group 00")]
    [TestCase("123-45-0000", TestName = "serial 0000")]
    [TestCase("123456789", TestName = "no dashes")]
    [TestCase("1123-45-6789", TestName = "a longer number")]
    [TestCase("123-45-67890", TestName = "serial too long")]
    [TestCase("123/45/6789", TestName = "other separator")]
    public void Ssn_does_not_match(string text)
    {
        Assert.That(Matches(ValuePatterns.Ssn, text), Is.Empty);
    }

    [TestCase("+14155552671", "+14155552671")]
    [TestCase("call +44 20 7946 0958 today", "+44 20 7946 0958")]
    [TestCase("+1 (415) 555-2671", "+1 (415) 555-2671")]
    [TestCase("+49-30-1234567", "+49-30-1234567")]
    [TestCase("(415) 555-2671", "(415) 555-2671")]
    [TestCase("(415)555-2671", "(415)555-2671")]
    [TestCase("415-555-2671", "415-555-2671")]
    [TestCase("415.555.2671", "415.555.2671")]
    [TestCase("tel 415 555 2671", "415 555 2671")]
    [TestCase("020 7946 0958", "020 7946 0958")]
    [TestCase("030/1234567", "030/1234567")]
    [TestCase("01 23 45 67 89", "01 23 45 67 89")]
    public void Phone_matches(string text, string expected)
    {
        Assert.That(Matches(ValuePatterns.Phone, text), Is.EqualTo(new[] { expected }));
    }

    [TestCase("+1234567", TestName = "seven digits after +")]
    [TestCase("+1234567890123456", TestName = "sixteen digits after +")]
    [TestCase("+0123456789", TestName = "country code starting with 0")]
    [TestCase("4155552671", TestName = "bare digits")]
    [TestCase("115-555-2671", TestName = "area code starting with 1")]
    [TestCase("415-155-2671", TestName = "exchange starting with 1")]
    [TestCase("415-555.2671", TestName = "mixed separators")]
    [TestCase("123-45-6789", TestName = "an SSN")]
    [TestCase("2024-01-15", TestName = "a date")]
    [TestCase("01-05-2024", TestName = "a national-looking date, 8 digits")]
    [TestCase("x415-555-2671", TestName = "touches a letter")]
    public void Phone_does_not_match(string text)
    {
        Assert.That(Matches(ValuePatterns.Phone, text), Is.Empty);
    }

    [TestCase("DE89370400440532013000", TestName = "Germany")]
    [TestCase("DE89 3704 0044 0532 0130 00", TestName = "Germany, print form")]
    [TestCase("GB82WEST12345698765432", TestName = "United Kingdom")]
    [TestCase("GB82 WEST 1234 5698 7654 32", TestName = "United Kingdom, print form")]
    [TestCase("FR1420041010050500013M02606", TestName = "France")]
    [TestCase("NL91ABNA0417164300", TestName = "Netherlands")]
    [TestCase("BE68539007547034", TestName = "Belgium")]
    [TestCase("CH9300762011623852957", TestName = "Switzerland")]
    [TestCase("NO9386011117947", TestName = "Norway")]
    [TestCase("ES9121000418450200051332", TestName = "Spain")]
    [TestCase("IT60X0542811101000000123456", TestName = "Italy")]
    public void Iban_matches_valid_numbers(string iban)
    {
        Assert.That(Matches(ValuePatterns.Iban, $"pay to {iban}, thanks"), Is.EqualTo(new[] { iban }));
    }

    [TestCase("DE89370400440532013001", TestName = "check fails")]
    [TestCase("GB82WEST12345698765433", TestName = "check fails, UK")]
    [TestCase("DE8937040044053201300", TestName = "one character short")]
    [TestCase("DE893704004405320130001", TestName = "one character long")]
    [TestCase("ZZ89370400440532013000", TestName = "unknown country")]
    [TestCase("de89370400440532013000", TestName = "lower case")]
    [TestCase("XDE89370400440532013000", TestName = "touches a letter")]
    [TestCase("DE89  3704 0044 0532 0130 00", TestName = "double space")]
    public void Iban_does_not_match(string text)
    {
        Assert.That(Matches(ValuePatterns.Iban, text), Is.Empty);
    }

    [Test]
    public void Jwt_matches_a_signed_token()
    {
        Assert.That(Matches(ValuePatterns.Jwt, $"Authorization: Bearer {JwtIoExample}"), Is.EqualTo(new[] { JwtIoExample }));
    }

    [Test]
    public void Jwt_matches_an_unsecured_token_with_an_empty_signature_and_a_five_segment_jwe()
    {
        var unsecured = $"{B64("{\"alg\":\"none\"}")}.{B64("{\"sub\":\"1\"}")}.";
        var jwe = $"{B64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}")}.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ";

        Assert.That(Matches(ValuePatterns.Jwt, $"a {unsecured} b"), Is.EqualTo(new[] { unsecured }));
        Assert.That(Matches(ValuePatterns.Jwt, jwe), Is.EqualTo(new[] { jwe }));
    }

    [Test]
    public void Jwt_does_not_match_without_alg_or_without_three_segments()
    {
        var noAlg = $"{B64("{\"typ\":\"JWT\"}")}.{B64("{\"sub\":\"1\"}")}.c2ln";
        var notJson = $"eyJub3QganNvbg.{B64("{}")}.c2ln";
        var twoSegments = JwtIoExample[..JwtIoExample.LastIndexOf('.')];
        var emptyPayload = $"{B64("{\"alg\":\"HS256\"}")}..c2ln";

        Assert.That(Matches(ValuePatterns.Jwt, noAlg), Is.Empty);
        Assert.That(Matches(ValuePatterns.Jwt, notJson), Is.Empty);
        Assert.That(Matches(ValuePatterns.Jwt, twoSegments), Is.Empty);
        Assert.That(Matches(ValuePatterns.Jwt, emptyPayload), Is.Empty);
        Assert.That(Matches(ValuePatterns.Jwt, "x" + JwtIoExample), Is.Empty);
    }

    [TestCase("AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE")]
    [TestCase("aws_access_key_id = ASIAY34FZKBOKMUTVV7A\n", "ASIAY34FZKBOKMUTVV7A")]
    [TestCase("\"AKIAIOSFODNN7EXAMPLE\"", "AKIAIOSFODNN7EXAMPLE")]
    public void Aws_key_matches(string text, string expected)
    {
        Assert.That(Matches(ValuePatterns.AwsKey, text), Is.EqualTo(new[] { expected }));
    }

    [TestCase("AKIAIOSFODNN7EXAMPL", TestName = "15 characters after the prefix")]
    [TestCase("AKIAIOSFODNN7EXAMPLEX", TestName = "17 characters after the prefix")]
    [TestCase("AKIAiosfodnn7example", TestName = "lower case")]
    [TestCase("ABIAIOSFODNN7EXAMPLE", TestName = "other prefix")]
    [TestCase("XAKIAIOSFODNN7EXAMPLE", TestName = "touches a letter")]
    public void Aws_key_does_not_match(string text)
    {
        Assert.That(Matches(ValuePatterns.AwsKey, text), Is.Empty);
    }

    [TestCase("PRIVATE KEY")]
    [TestCase("RSA PRIVATE KEY")]
    [TestCase("EC PRIVATE KEY")]
    [TestCase("OPENSSH PRIVATE KEY")]
    [TestCase("ENCRYPTED PRIVATE KEY")]
    public void Private_key_matches_a_pem_block(string label)
    {
        var block = $"-----BEGIN {label}-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END {label}-----";

        Assert.That(Matches(ValuePatterns.PrivateKey, $"key:\n{block}\ntrailer"), Is.EqualTo(new[] { block }));
    }

    [Test]
    public void Private_key_without_its_end_line_matches_to_the_end_of_the_value()
    {
        const string truncated = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA";

        Assert.That(Matches(ValuePatterns.PrivateKey, "x " + truncated), Is.EqualTo(new[] { truncated }));
    }

    [Test]
    public void Private_key_needs_the_end_line_of_the_same_label()
    {
        const string text = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\nBBBB\n-----END EC PRIVATE KEY-----";

        Assert.That(Matches(ValuePatterns.PrivateKey, text), Is.EqualTo(new[] { text }));
    }

    [TestCase("-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----", TestName = "public key")]
    [TestCase("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", TestName = "certificate")]
    [TestCase("-----BEGIN NOTAPRIVATE KEY-----\nAAAA\n-----END NOTAPRIVATE KEY-----", TestName = "label not ending in ' PRIVATE KEY'")]
    [TestCase("BEGIN RSA PRIVATE KEY", TestName = "no dashes")]
    public void Private_key_does_not_match(string text)
    {
        Assert.That(Matches(ValuePatterns.PrivateKey, text), Is.Empty);
    }

    [Test]
    public void Every_match_is_found_in_order()
    {
        Assert.That(Matches(ValuePatterns.Email, "a@x.io, b@y.org; c@z.net"), Is.EqualTo(new[] { "a@x.io", "b@y.org", "c@z.net" }));
        Assert.That(Matches(ValuePatterns.CreditCard, "4111111111111111 and 5500 0055 5555 5559"), Is.EqualTo(new[] { "4111111111111111", "5500 0055 5555 5559" }));
        Assert.That(Matches(ValuePatterns.Ssn, "123-45-6789,078-05-1120"), Is.EqualTo(new[] { "123-45-6789", "078-05-1120" }));
        Assert.That(Matches(ValuePatterns.AwsKey, "AKIAIOSFODNN7EXAMPLE ASIAIOSFODNN7EXAMPLE"), Is.EqualTo(new[] { "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE" }));
        Assert.That(Matches(ValuePatterns.Iban, "DE89370400440532013000/GB82WEST12345698765432"), Is.EqualTo(new[] { "DE89370400440532013000", "GB82WEST12345698765432" }));
    }

    [Test]
    public void Regex_pattern_reports_byte_ranges_over_non_ascii_text()
    {
        var pattern = ValuePatterns.Regex("k[0-9]+", "i");

        Assert.That(Matches(pattern, "Zoë K12 😀 k3 日本"), Is.EqualTo(new[] { "K12", "k3" }));
        Assert.That(pattern.Name, Is.EqualTo("/k[0-9]+/i"));
    }

    [Test]
    public void Regex_match_of_half_a_surrogate_pair_covers_the_whole_character()
    {
        var pattern = ValuePatterns.Regex("a.", "");

        Assert.That(Matches(pattern, "xa😀y"), Is.EqualTo(new[] { "a😀" }));
    }

    [Test]
    public void Regex_pattern_refuses_backreferences_and_unknown_flags()
    {
        Assert.That(() => ValuePatterns.Regex("(a)\\1"), Throws.InstanceOf<NotSupportedException>().Or.InstanceOf<ArgumentException>());
        Assert.That(() => ValuePatterns.Regex("a", "g"), Throws.ArgumentException.With.Message.Contains("unknown regex flag 'g'"));
    }

    [Test]
    public void Unknown_pattern_name_throws_clearly()
    {
        Assert.That(() => ValuePatterns.Get("credit_crd"), Throws.ArgumentException.With.Message.Contains("unknown mask pattern 'credit_crd'"));
        Assert.That(ValuePatterns.Names, Is.EquivalentTo(Proxy.Core.Policy.PolicyVocabulary.MaskPatterns));
    }
}
