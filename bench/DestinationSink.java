// A fast local webhook sink for bench/destinations.sh, run in the JDK's source-file mode:
//   java bench/DestinationSink.java PORT
// Answers every POST 204 at once and counts them; GET /count prints the count. Binds 127.0.0.1.
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

public class DestinationSink {
    public static void main(String[] args) throws Exception {
        AtomicLong received = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0])), 1024);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                if (exchange.getRequestMethod().equals("GET")) {
                    byte[] body = Long.toString(received.get()).getBytes(StandardCharsets.US_ASCII);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    received.incrementAndGet();
                    exchange.sendResponseHeaders(204, -1);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        System.out.println("sink on 127.0.0.1:" + args[0]);
    }
}
