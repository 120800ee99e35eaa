package dev.tidings.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.function.LongSupplier;

/**
 * Posts one event and books its outcome. Both runners go through here, so "what counts as a good
 * answer" and "where latency starts" are decided once: latency runs from the time the caller says the
 * request was meant to go, which for the open loop is its scheduled time, not when it got a connection.
 *
 * <p>Owned by the event-loop thread: {@link #send} is called there and the client's callbacks run
 * there, because the client was created and is used from that one context.
 */
final class RequestSender {

    private final HttpClient client;
    private final RequestOptions options;
    private final EventBodies bodies;
    private final Tally tally;
    private final LongSupplier clock;
    private int inFlight;

    RequestSender(HttpClient client, BenchPlan plan, EventBodies bodies, Tally tally, LongSupplier clock) {
        this.client = client;
        this.bodies = bodies;
        this.tally = tally;
        this.clock = clock;
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add(HttpHeaders.CONTENT_TYPE, HttpHeaders.createOptimized("application/json"))
                .add(HttpHeaders.AUTHORIZATION, HttpHeaders.createOptimized(plan.authorization()));
        long timeoutMillis = plan.timeout().toMillis();
        // Shared by every request: the client copies what it needs and nothing here mutates it.
        this.options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(plan.target().host())
                .setPort(plan.target().port())
                .setSsl(plan.target().ssl())
                .setURI(plan.target().pathAndQuery())
                .setHeaders(headers)
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis);
    }

    int inFlight() {
        return inFlight;
    }

    /**
     * @param intendedAt when the request was meant to be sent (latency is measured from here)
     * @param measured   false during warm-up: the answer is counted for progress only
     * @param done       runs on the event loop once the outcome is booked and in-flight is lowered
     */
    void send(long intendedAt, boolean measured, Runnable done) {
        inFlight++;
        if (measured) {
            tally.sent();
        }
        Buffer body = Buffer.buffer(bodies.next());
        client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body()
                        .map(answer -> new Answer(response.statusCode(),
                                response.statusCode() == 200 && AnswerCheck.is1100(answer))))
                .onComplete(outcome -> {
                    inFlight--;
                    book(outcome, intendedAt, measured);
                    done.run();
                });
    }

    private void book(AsyncResult<Answer> outcome, long intendedAt, boolean measured) {
        long now = clock.getAsLong();
        tally.reached(outcome.succeeded(), outcome.cause());
        if (!measured) {
            tally.warmupAnswer();
        } else if (outcome.succeeded()) {
            Answer answer = outcome.result();
            tally.answer(answer.status(), answer.is1100(), now - intendedAt, now);
        } else {
            tally.failure(outcome.cause(), now);
        }
    }

    private record Answer(int status, boolean is1100) {
    }
}
