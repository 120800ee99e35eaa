package dev.tidings.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes no well-behaved client would send (bad request lines, lying Content-Length, huge headers)
 * over a plain socket and reads whatever comes back. The answer is read until the server closes the
 * connection or the announced body has arrived, so it works with and without keep-alive.
 */
public final class RawHttp {
    /** What came back: {@code status} is -1 when the connection ended without an answer. */
    public record RawAnswer(int status, Map<String, String> headers, String body, boolean reset) {
        public boolean answered() {
            return status > 0;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    public static RawAnswer exchange(int port, byte[] request, int readTimeoutMillis) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // The server may close before taking all of an oversized request; what it said still counts.
            }
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return new RawAnswer(-1, Map.of(), "", false);
        } catch (IOException e) {
            return new RawAnswer(-1, Map.of(), "", true);
        }
    }

    public static RawAnswer exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), 10_000);
    }

    static RawAnswer read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        boolean reset = false;
        int headerEnd = -1;
        int contentLength = -1;
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                raw.write(buf, 0, n);
                String text = raw.toString(StandardCharsets.ISO_8859_1);
                if (headerEnd < 0 && (headerEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    contentLength = contentLength(text.substring(0, headerEnd));
                }
                if (headerEnd >= 0 && contentLength >= 0 && raw.size() >= headerEnd + 4 + contentLength) {
                    break;
                }
            }
        } catch (SocketException e) {
            reset = true;
        }
        return parse(raw.toString(StandardCharsets.UTF_8), reset);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    private static RawAnswer parse(String text, boolean reset) {
        int headerEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || headerEnd < 0) {
            return new RawAnswer(-1, Map.of(), text, reset);
        }
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new RawAnswer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(headerEnd + 4), reset);
    }
}
