package dev.tidings.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of request bodies a careless or hostile sender might post, shared by the parse+validate
 * properties and the HTTP-level test. Most start from the seed's valid event so they reach the
 * validator, not only the parser.
 */
public final class HostileBodies {
    static final String SEED = "{\"age\":20,\"customer_id\":\"9933772255\",\"event_name\":\"be_reserved\","
            + "\"external_event_id\":\"RAND121\",\"hotel_name\":\"Indiranagar\",\"room_nights\":\"12\","
            + "\"eventDateTime\":\"2024-04-11 12:00:00\"}";
    private static final List<String> ATTRIBUTES =
            List.of("age", "customer_id", "event_name", "external_event_id", "hotel_name", "room_nights",
                    "eventDateTime", "stay_date");
    private static final List<String> ODD_NUMBERS = List.of("1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308",
            "-0", "0e0", "1E+2", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
            "0." + "0".repeat(300) + "1", "1" + "0".repeat(399), "1" + "0".repeat(1000), "2.5", "1e-7");
    private static final List<String> NOT_NUMBERS = List.of("NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "inf",
            "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"nan\"", "\"inf\"", "\"1e400\"", "\"0x1p3\"", "\"1d\"", "\" 2 \"",
            "\"\"", "01", "+1", ".5", "5.", "0x10", "1_000", "true", "null");
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80});

    private HostileBodies() {}

    /** Every kind of hostile body, mixed. */
    public static Arbitrary<byte[]> any() {
        return Arbitraries.oneOf(randomJson(), deepNesting(), oddNumbers(), notNumbers(), duplicateKeys(),
                invalidUtf8(), controlCharacters(), longStringsAndNames(), manyAttributes(), wrongTypes(),
                mutatedSeed(), randomBytes());
    }

    static Arbitrary<byte[]> randomJson() {
        return jsonValue(4).map(HostileBodies::utf8);
    }

    static Arbitrary<byte[]> deepNesting() {
        Arbitrary<Integer> depth = Arbitraries.integers().between(1, 3000).shrinkTowards(1);
        return Combinators.combine(depth, Arbitraries.of("{\"a\":", "[", "{\"age\":", "[{\"x\":"), Arbitraries.of(true, false))
                .as((n, open, asAttribute) -> {
                    String close = open.equals("[") ? "]" : open.equals("[{\"x\":") ? "}]" : "}";
                    String nested = open.repeat(n) + "1" + close.repeat(n);
                    return utf8(asAttribute ? SEED.replace("\"age\":20", "\"age\":" + nested) : nested);
                });
    }

    static Arbitrary<byte[]> oddNumbers() {
        return Combinators.combine(Arbitraries.of(ATTRIBUTES), Arbitraries.of(ODD_NUMBERS)).as(HostileBodies::withValue);
    }

    static Arbitrary<byte[]> notNumbers() {
        return Combinators.combine(Arbitraries.of(ATTRIBUTES), Arbitraries.of(NOT_NUMBERS)).as(HostileBodies::withValue);
    }

    static Arbitrary<byte[]> duplicateKeys() {
        Arbitrary<String> inSeed = Arbitraries.of(ATTRIBUTES).filter(name -> SEED.contains("\"" + name + "\":"));
        return Combinators.combine(inSeed, jsonValue(1))
                .as((name, value) -> utf8(SEED.substring(0, SEED.length() - 1) + ",\"" + name + "\":" + value + "}"));
    }

    static Arbitrary<byte[]> invalidUtf8() {
        return Combinators.combine(Arbitraries.of(BAD_UTF8), Arbitraries.integers().between(0, SEED.length()))
                .as((bad, at) -> splice(utf8(SEED), at, bad));
    }

    static Arbitrary<byte[]> controlCharacters() {
        Arbitrary<Character> control = Arbitraries.chars().range('\u0000', '\u001f').injectDuplicates(0.1);
        return Combinators.combine(control, Arbitraries.integers().between(0, SEED.length() - 1))
                .as((c, at) -> utf8(SEED.substring(0, at) + c + SEED.substring(at)));
    }

    static Arbitrary<byte[]> longStringsAndNames() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMinLength(1000).ofMaxLength(40_000)
                .map(HostileBodies::quoted);
        return Combinators.combine(Arbitraries.of(ATTRIBUTES), text, Arbitraries.of(true, false))
                .as((name, longText, asName) -> asName
                        ? utf8(SEED.substring(0, SEED.length() - 1) + "," + longText + ":1}")
                        : withValue(name, longText));
    }

    static Arbitrary<byte[]> manyAttributes() {
        return Arbitraries.integers().between(21, 5000).map(n -> {
            StringBuilder b = new StringBuilder(SEED.substring(0, SEED.length() - 1));
            for (int i = 0; i < n; i++) {
                b.append(",\"a").append(i).append("\":").append(i);
            }
            return utf8(b.append('}').toString());
        });
    }

    static Arbitrary<byte[]> wrongTypes() {
        return Combinators.combine(Arbitraries.of(ATTRIBUTES), jsonValue(2)).as(HostileBodies::withValue);
    }

    static Arbitrary<byte[]> mutatedSeed() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, SEED.length() - 1);
        return Combinators.combine(at, Arbitraries.bytes(), Arbitraries.of("flip", "cut", "drop")).as((i, b, how) -> {
            byte[] seed = utf8(SEED);
            switch (how) {
                case "flip" -> seed[i] = b;
                case "cut" -> seed = Arrays.copyOf(seed, i);
                default -> seed = splice(Arrays.copyOf(seed, i), i, Arrays.copyOfRange(seed, i + 1, seed.length));
            }
            return seed;
        });
    }

    static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    /** Any JSON value as text, nested at most {@code depth} levels, with awkward strings and numbers. */
    static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30).map(HostileBodies::quoted),
                Arbitraries.of(ODD_NUMBERS), Arbitraries.of(NOT_NUMBERS),
                Arbitraries.integers().map(String::valueOf), Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "\"\"", "\"12\"", "\"2024-04-11\"", "\"be_reserved\""));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> child = Arbitraries.lazy(() -> jsonValue(depth - 1));
        Arbitrary<String> array = child.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(
                        Arbitraries.oneOf(Arbitraries.of(ATTRIBUTES), Arbitraries.strings().ofMaxLength(8)).map(HostileBodies::quoted),
                        child)
                .as((k, v) -> k + ":" + v).list().ofMaxSize(5).map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar), Tuple.of(1, array), Tuple.of(2, object));
    }

    private static byte[] withValue(String attribute, String valueText) {
        String body = SEED.contains("\"" + attribute + "\":")
                ? SEED.replaceFirst("\"" + attribute + "\":(\"[^\"]*\"|[0-9]+)",
                        Matcher.quoteReplacement("\"" + attribute + "\":" + valueText))
                : SEED.substring(0, SEED.length() - 1) + ",\"" + attribute + "\":" + valueText + "}";
        return utf8(body);
    }

    /** A JSON string literal; only quote and backslash are escaped so control characters stay raw. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] splice(byte[] into, int at, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(into.length + insert.length);
        out.write(into, 0, Math.min(at, into.length));
        out.write(insert, 0, insert.length);
        if (at < into.length) {
            out.write(into, at, into.length - at);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
