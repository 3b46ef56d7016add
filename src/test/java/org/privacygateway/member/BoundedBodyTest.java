package org.privacygateway.member;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;

/**
 * The bound on a member-service answer, without a network: a body within it is read whole; one that goes past it is
 * cut at the chunk that crosses it (no more asked for, the subscription cancelled); one that announces a larger
 * Content-Length is not read at all; a status-only read reads nothing.
 */
class BoundedBodyTest {

    /** A subscription that counts what is asked for. */
    static final class Counting implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    static HttpResponse.ResponseInfo info(Long contentLength) {
        Map<String, List<String>> headers = contentLength == null ? Map.of()
                : Map.of("Content-Length", List.of(contentLength.toString()));
        return new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(headers, (a, b) -> true);
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

    static List<ByteBuffer> chunk(int size) {
        return List.of(ByteBuffer.wrap(new byte[size]));
    }

    @Test
    void anAnswerWithinTheBoundIsReadWhole() {
        var body = new BoundedBody(10).apply(info(null));
        Counting s = new Counting();
        body.onSubscribe(s);
        body.onNext(List.of(ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 })));
        body.onNext(List.of(ByteBuffer.wrap(new byte[] { 5, 6, 7, 8, 9, 10 })));
        body.onComplete();
        assertArrayEquals(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, body.getBody().toCompletableFuture().join());
        assertEquals(3, s.requested, "one chunk asked for at a time");
    }

    @Test
    void anAnswerPastTheBoundIsCutAtTheChunkThatCrossesIt() {
        var body = new BoundedBody(100).apply(info(null));
        Counting s = new Counting();
        body.onSubscribe(s);
        body.onNext(chunk(60));
        body.onNext(chunk(60));
        assertTrue(s.cancelled, "the subscription is cancelled: nothing more is read");
        assertEquals(2, s.requested, "nothing asked for after the bound");
        body.onNext(chunk(1 << 20)); // whatever was already under way is dropped, not held
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> body.getBody().toCompletableFuture().join());
        assertInstanceOf(BoundedBody.TooLarge.class, e.getCause());
    }

    @Test
    void anAnnouncedLengthPastTheBoundIsNotReadAtAll() {
        var body = new BoundedBody(100).apply(info(400L << 20));
        Counting s = new Counting();
        body.onSubscribe(s);
        assertTrue(s.cancelled);
        assertEquals(0, s.requested);
        assertTrue(body.getBody().toCompletableFuture().isCompletedExceptionally());
    }

    @Test
    void aStatusOnlyReadReadsNothing() {
        var body = new BoundedBody(0).apply(info(null));
        Counting s = new Counting();
        body.onSubscribe(s);
        assertTrue(s.cancelled);
        assertEquals(0, s.requested);
        assertEquals(0, body.getBody().toCompletableFuture().join().length);
    }
}
