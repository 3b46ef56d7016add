package org.privacygateway.member;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body read as it streams in, and cut (the subscription cancelled, so the connection is closed and nothing
 * more is read) as soon as it is larger than {@code max} bytes, or announces so in Content-Length: a larger answer is
 * never held, only {@code max} bytes and the one network chunk that crossed the bound. With {@code max} 0 the body is
 * not read at all (the status is all that is wanted), whatever its size.
 */
final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {

    /** An answer larger than the bound: the service is faulty or hostile; the read fails closed. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("the answer is larger than the bound", null, false, false);
        }
    }

    private final long max;
    private volatile Reader reader;

    BoundedBody(long max) {
        this.max = max;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        Reader r = new Reader(max, info.headers().firstValueAsLong("Content-Length").orElse(-1));
        reader = r;
        return r;
    }

    /** Stops reading (after the deadline, or once the answer is taken). */
    void cancel() {
        Reader r = reader;
        if (r != null) {
            r.stop();
        }
    }

    private static final class Reader implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final long announced;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private ByteArrayOutputStream held;
        private long read;
        private volatile Flow.Subscription subscription;

        Reader(long max, long announced) {
            this.max = max;
            this.announced = announced;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (max == 0) {
                s.cancel();
                body.complete(new byte[0]);
            } else if (announced > max) {
                s.cancel();
                body.completeExceptionally(new TooLarge());
            } else {
                held = new ByteArrayOutputStream((int) Math.min(Math.max(announced, 8192), max));
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                read += b.remaining();
                if (read > max) {
                    subscription.cancel();
                    held = null;
                    body.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                held.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            held = null;
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            if (!body.isDone()) {
                body.complete(held.toByteArray());
                held = null;
            }
        }

        void stop() {
            Flow.Subscription s = subscription;
            if (s != null && !body.isDone()) {
                s.cancel();
                body.completeExceptionally(new java.util.concurrent.CancellationException("given up on"));
            }
        }
    }
}
