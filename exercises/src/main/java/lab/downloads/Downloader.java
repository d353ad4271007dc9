package lab.downloads;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Exercise {@code downloads}: I/O-bound work on a thread pool, with every failure reported.
 *
 * <p>The seed downloads five images one by one (9.45 s), with a thread pool (3.61 s), and with a
 * process pool (0.45 s). The process pool looks fastest, but it did no work: the downloads failed
 * and nobody read the results, so the exceptions vanished. Speed only counts when the work was
 * really done.
 *
 * <p>What you build: {@link #downloadAll(List, int)} downloads every URI with the JDK's
 * {@link java.net.http.HttpClient}, at most {@code workers} requests at a time, and returns every
 * body. If any download failed, it throws the given {@link DownloadException} naming
 * <em>every</em> URI that failed.
 *
 * <p>Rules the grader checks (against a local test server):
 * <ul>
 *   <li>Every body is returned, byte for byte, keyed by its URI.</li>
 *   <li>At most {@code workers} requests are in flight at once (the server counts them), and a
 *       pool beats downloading one at a time.</li>
 *   <li>A response whose status is not 2xx (404, 500, ...) is a failure, not a body: the error
 *       page is not the file you asked for.</li>
 *   <li>Failures are never swallowed, and one failure never hides another: wait for
 *       <em>all</em> downloads, collect every failure in a {@code Map<URI, Exception>}, then
 *       throw {@code new DownloadException(failures)}.</li>
 *   <li>No URIs: return an empty map without creating a pool. A URI listed twice may be
 *       downloaded once.</li>
 *   <li>A null list or URI: {@link NullPointerException}; {@code workers} below 1:
 *       {@link IllegalArgumentException}.</li>
 *   <li>The pool is shut down before returning or throwing; interrupted while waiting: stop the
 *       pool ({@code shutdownNow()} interrupts the requests) and throw
 *       {@link InterruptedException}.</li>
 *   <li>Set timeouts (for example 10 s to connect and 30 s per request), so a dead server cannot
 *       hang the call.</li>
 * </ul>
 *
 * <p>Java 17's {@code HttpClient} has no {@code close()}; create one with
 * {@code HttpClient.newBuilder()}, share it between the workers (it is thread-safe) and let it be
 * garbage-collected afterwards.
 *
 * <p>See the lesson: <a href="06-downloads.md">06-downloads.md</a>
 */
public final class Downloader {

    private Downloader() {
        // static helpers only
    }

    /**
     * Downloads every URI with at most {@code workers} requests in flight and returns each body.
     * After all downloads are done, if any failed, throws a {@link DownloadException} naming every
     * failed URI.
     *
     * @param uris the URIs; may be empty
     * @param workers the largest number of requests in flight at once, at least 1
     * @return each URI with its body
     * @throws NullPointerException if {@code uris} or one of its URIs is null
     * @throws IllegalArgumentException if {@code workers} is below 1
     * @throws DownloadException if at least one download failed, with all failures
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public static Map<URI, byte[]> downloadAll(List<URI> uris, int workers)
            throws DownloadException, InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: build one HttpClient (connectTimeout), a fixed pool of `workers` threads, "
                        + "and submit one task per URI that calls client.send(request, "
                        + "BodyHandlers.ofByteArray()) and throws an IOException when the status is "
                        + "not 2xx. Then get() EVERY Future: put bodies in one map, failures (the "
                        + "ExecutionException's cause) in another; shut the pool down; throw "
                        + "DownloadException if any failed.");
    }
}
