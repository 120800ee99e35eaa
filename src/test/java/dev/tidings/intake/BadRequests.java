package dev.tidings.intake;

import dev.tidings.app.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Hand-made requests with bad request lines and headers, each with the answer it must get (0: any 4xx or none). */
final class BadRequests {
    record Case(String name, byte[] bytes, int expectedStatus) {}

    private BadRequests() {}

    static List<Case> all(String webhook, String body) {
        String path = "/local/webhooks/" + webhook;
        String auth = "Authorization: " + TestServer.basic(TestServer.SEED_CREDENTIAL) + "\r\n";
        String json = "Content-Type: application/json\r\n";
        List<Case> cases = new ArrayList<>();
        cases.add(post("no content type", path, auth, body, 415));
        cases.add(post("text/plain content type", path, auth + "Content-Type: text/plain\r\n", body, 415));
        cases.add(post("content type application/jsonp", path, auth + "Content-Type: application/jsonp\r\n", body, 415));
        cases.add(raw("content-length larger than the body", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "Content-Length: 500\r\n\r\n" + body, 408));
        cases.add(raw("content-length smaller than the body", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "Content-Length: 10\r\nConnection: close\r\n\r\n" + body, 400));
        cases.add(raw("content-length not a number", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "Content-Length: abc\r\n\r\n" + body, 400));
        cases.add(raw("content-length negative", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "Content-Length: -5\r\n\r\n" + body, 400));
        cases.add(raw("content-length twice, different", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "Content-Length: 3\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, 400));
        cases.add(raw("content-length 2^63", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "Content-Length: 9223372036854775808\r\n\r\n" + body, 400));
        cases.add(raw("chunked with a bad chunk size", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n", 0));
        cases.add(raw("chunked and content-length", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", 0));
        cases.add(raw("one header beyond max-header-bytes", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "X-Big: " + "a".repeat(9000) + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, 431));
        cases.add(raw("many headers beyond max-header-bytes", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + json
                + "X-Many: 0123456789012345678901234567890123456789\r\n".repeat(300) + "Content-Length: " + body.length()
                + "\r\n\r\n" + body, 431));
        cases.add(raw("request line beyond 4096 bytes", "POST " + path + "?" + "q".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n"
                + auth + json + "Content-Length: " + body.length() + "\r\n\r\n" + body, 414));
        for (String[] basic : malformedBasics()) {
            cases.add(post("Authorization " + basic[0], path, "Authorization: " + basic[1] + "\r\n" + json, body, 401));
        }
        cases.add(new Case("Authorization with non-UTF-8 bytes", concat(
                "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + json + "Authorization: Basic ",
                new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28},
                "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body), 401));
        cases.add(raw("HTTP/1.0 with an invalid body", "POST " + path + " HTTP/1.0\r\n" + auth + json
                + "Content-Length: 2\r\n\r\n[]", 400));
        // The one 5xx: Vert.x core answers an unknown HTTP version 501 before any handler (RELIABILITY.md).
        cases.add(raw("HTTP/9.9", "POST " + path + " HTTP/9.9\r\nHost: x\r\n" + auth + json
                + "Content-Length: 2\r\n\r\n{}", 501));
        cases.add(raw("no HTTP version", "POST " + path + "\r\n\r\n", 400));
        for (String method : List.of("FOO", "X".repeat(200), "get", "PROPFIND", "DELETE", "PUT", "CONNECT", "TRACE", "OPTIONS", "PATCH")) {
            cases.add(raw("method " + (method.length() > 20 ? method.substring(0, 20) + "…" : method),
                    method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + auth + json
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body, 0));
        }
        cases.add(raw("garbage request line", "hello world\r\n\r\n", 400));
        cases.add(raw("empty request", "\r\n\r\n\r\n", 0));
        cases.add(raw("NUL in the path", "POST /local/webhooks/\0abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0));
        cases.add(post("bad percent-encoding in the path", "/local/webhooks/%zz", auth + json, body, 0));
        cases.add(post("path traversal towards the admin API", "/local/webhooks/../../api/v1/orgs", auth + json, body, 0));
        cases.add(post("wrong cluster", "/eucrm/webhooks/" + webhook, auth + json, body, 404));
        cases.add(post("unknown webhook", "/local/webhooks/00000000000000000000000000000000", auth + json, body, 404));
        cases.add(post("trailing slash, no content type", path + "/", auth, body, 415));
        cases.add(post("body beyond max-body-bytes", path, auth + json, "{\"a\":\"" + "x".repeat(40_000) + "\"}", 413));
        cases.add(raw("expect 100-continue with a body beyond the limit", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                + json + "Expect: 100-continue\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n", 413));
        return cases;
    }

    private static List<String[]> malformedBasics() {
        return List.of(new String[] {"not base64", "Basic !!!not-base64!!!"}, new String[] {"empty value", "Basic "},
                new String[] {"'Basic' alone", "Basic"}, new String[] {"empty header", ""},
                new String[] {"wrong scheme", "Bearer " + TestServer.SEED_CREDENTIAL},
                new String[] {"base64 of non-UTF-8 bytes", "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28})},
                new String[] {"base64 of the empty string", "Basic " + Base64.getEncoder().encodeToString(new byte[0])},
                new String[] {"credential plus garbage", "Basic " + Base64.getEncoder().encodeToString((TestServer.SEED_CREDENTIAL + "x").getBytes(StandardCharsets.UTF_8))},
                new String[] {"2000-character value", "Basic " + "QUFB".repeat(500)},
                new String[] {"lower-case scheme, wrong secret", "basic " + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8))});
    }

    private static Case post(String name, String path, String headers, String body, int expected) {
        return raw(name, "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body, expected);
    }

    private static Case raw(String name, String request, int expected) {
        return new Case(name, request.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
