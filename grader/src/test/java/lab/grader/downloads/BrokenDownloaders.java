package lab.grader.downloads;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lab.downloads.DownloadException;

/**
 * Downloaders with the mistakes students make, each a known-broken version of
 * {@code Downloader.downloadAll}. Canaries only: never graded, only rejected.
 */
final class BrokenDownloaders {
    private BrokenDownloaders() {
    }

    // ---------------------------------------------------------------- shared pieces

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    }

    /** A correct single download: the whole body, an error status is an IOException. */
    static byte[] fetch(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(get(uri), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + r.statusCode() + " for " + uri);
        }
        return r.body();
    }

    static void checkArgs(List<URI> uris, int workers) {
        Objects.requireNonNull(uris);
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers);
        }
        uris.forEach(Objects::requireNonNull);
    }

    /** A correct downloader built from a fetch function: the reference shape the broken ones vary. */
    interface Fetch {
        byte[] fetch(HttpClient client, URI uri) throws Exception;
    }

    static Map<URI, byte[]> pooled(List<URI> uris, int workers, Fetch fetch) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        try {
            Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
            for (URI uri : uris) {
                futures.put(uri, pool.submit(() -> fetch.fetch(client, uri)));
            }
            return collect(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<URI, byte[]> collect(Map<URI, Future<byte[]>> futures) throws DownloadException, InterruptedException {
        Map<URI, byte[]> bodies = new LinkedHashMap<>();
        Map<URI, Exception> failures = new LinkedHashMap<>();
        for (Map.Entry<URI, Future<byte[]>> e : futures.entrySet()) {
            try {
                bodies.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException ex) {
                failures.put(e.getKey(), (Exception) ex.getCause());
            }
        }
        if (!failures.isEmpty()) {
            throw new DownloadException(failures);
        }
        return bodies;
    }

    /** A correct downloader (for the "accepted" canary): a fixed pool, every result read, shut down. */
    static Map<URI, byte[]> correct(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        return pooled(uris, workers, BrokenDownloaders::fetch);
    }

    /** Also correct, differently: the default client, sendAsync bounded by a semaphore, no pool of its own. */
    static Map<URI, byte[]> correctAsync(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = HttpClient.newHttpClient(); // the defaults students often use: HTTP/2 asked for, h2c upgrade
        Semaphore slots = new Semaphore(workers);
        Map<URI, java.util.concurrent.CompletableFuture<byte[]>> futures = new LinkedHashMap<>();
        try {
            for (URI uri : uris) {
                slots.acquire();
                futures.put(uri, client.sendAsync(get(uri), HttpResponse.BodyHandlers.ofByteArray())
                        .whenComplete((r, e) -> slots.release())
                        .thenApply(r -> {
                            if (r.statusCode() / 100 != 2) {
                                throw new java.util.concurrent.CompletionException(new IOException("HTTP " + r.statusCode()));
                            }
                            return r.body();
                        }));
            }
        } catch (InterruptedException e) {
            futures.values().forEach(f -> f.cancel(true));
            throw e;
        }
        Map<URI, Future<byte[]>> plain = new LinkedHashMap<>(futures);
        try {
            return collect(plain);
        } catch (InterruptedException e) {
            futures.values().forEach(f -> f.cancel(true));
            throw e;
        }
    }

    /** Also correct: the old HttpURLConnection (its Keep-Alive-Timer daemon thread is not a leak). */
    static Map<URI, byte[]> correctUrlConnection(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        return pooled(uris, workers, (client, uri) -> {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(10_000);
            int status = c.getResponseCode();
            if (status / 100 != 2) {
                c.disconnect();
                throw new IOException("HTTP " + status + " for " + uri);
            }
            try (InputStream in = c.getInputStream()) {
                return in.readAllBytes();
            }
        });
    }

    // ---------------------------------------------------------------- concurrency mistakes

    /** A for loop: one download after another. */
    static Map<URI, byte[]> sequential(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        HttpClient client = client();
        Map<URI, byte[]> bodies = new LinkedHashMap<>();
        Map<URI, Exception> failures = new LinkedHashMap<>();
        for (URI uri : uris) {
            try {
                bodies.put(uri, fetch(client, uri));
            } catch (IOException e) {
                failures.put(uri, e);
            }
        }
        if (!failures.isEmpty()) {
            throw new DownloadException(failures);
        }
        return bodies;
    }

    /** A pool, but get() right after each submit: still one at a time. */
    static Map<URI, byte[]> submitThenGetEach(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Map<URI, byte[]> bodies = new LinkedHashMap<>();
        Map<URI, Exception> failures = new LinkedHashMap<>();
        try {
            for (URI uri : uris) {
                try {
                    bodies.put(uri, pool.submit(() -> fetch(client, uri)).get());
                } catch (ExecutionException e) {
                    failures.put(uri, (Exception) e.getCause());
                }
            }
        } finally {
            pool.shutdown();
        }
        if (!failures.isEmpty()) {
            throw new DownloadException(failures);
        }
        return bodies;
    }

    /** A thread per URI: every request at once, whatever workers says. */
    static Map<URI, byte[]> threadPerUri(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        HttpClient client = client();
        Map<URI, byte[]> bodies = new ConcurrentHashMap<>();
        Map<URI, Exception> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (URI uri : uris) {
            Thread t = new Thread(() -> {
                try {
                    bodies.put(uri, fetch(client, uri));
                } catch (Exception e) {
                    failures.put(uri, e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new DownloadException(failures);
        }
        return bodies;
    }

    /** newCachedThreadPool: grows a thread per waiting download. */
    static Map<URI, byte[]> cachedPool(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
            for (URI uri : uris) {
                futures.put(uri, pool.submit(() -> fetch(client, uri)));
            }
            return collect(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    /** max_workers=3 from the seed, whatever workers says. */
    static Map<URI, byte[]> alwaysThreeWorkers(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        return pooled(uris, 3, BrokenDownloaders::fetch);
    }

    /** A pool sized by the cores (2 on the grading machine... or whatever it has), not by workers. */
    static Map<URI, byte[]> twoWorkers(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        return pooled(uris, 2, BrokenDownloaders::fetch);
    }

    /** Splits the list into workers chunks of n / workers: the remainder is never downloaded. */
    static Map<URI, byte[]> chunksDropRemainder(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        int chunk = Math.max(1, uris.size() / workers);
        Map<URI, byte[]> bodies = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers && w * chunk < uris.size(); w++) {
            List<URI> mine = uris.subList(w * chunk, Math.min(uris.size(), (w + 1) * chunk));
            Thread t = new Thread(() -> {
                for (URI uri : mine) {
                    try {
                        bodies.put(uri, fetch(client, uri));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return bodies;
    }

    // ---------------------------------------------------------------- results never read

    /** The seed's 0.26 s: the work is submitted, nobody reads a result, an empty map comes back. */
    static Map<URI, byte[]> neverReadsResults(List<URI> uris, int workers) {
        checkArgs(uris, workers);
        Map<URI, byte[]> bodies = new HashMap<>();
        if (uris.isEmpty()) {
            return bodies;
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        for (URI uri : uris) {
            pool.submit(() -> fetch(client, uri)); // the Future is dropped: so are the body and any failure
        }
        pool.shutdown();
        return bodies;
    }

    /** Tasks fill a shared map; shutdown() and return at once, without waiting for them. */
    static Map<URI, byte[]> returnsBeforeDone(List<URI> uris, int workers) {
        checkArgs(uris, workers);
        Map<URI, byte[]> bodies = new ConcurrentHashMap<>();
        if (uris.isEmpty()) {
            return bodies;
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        for (URI uri : uris) {
            pool.execute(() -> {
                try {
                    bodies.put(uri, fetch(client, uri));
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
        }
        pool.shutdown();
        return bodies;
    }

    // ---------------------------------------------------------------- failures

    /** catch (ExecutionException e) { e.printStackTrace(); }: returns what worked. */
    static Map<URI, byte[]> swallowsFailures(List<URI> uris, int workers) throws InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        try {
            Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
            for (URI uri : uris) {
                futures.put(uri, pool.submit(() -> fetch(client, uri)));
            }
            Map<URI, byte[]> bodies = new LinkedHashMap<>();
            for (Map.Entry<URI, Future<byte[]>> e : futures.entrySet()) {
                try {
                    bodies.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    System.err.println("download failed: " + e.getKey());
                }
            }
            return bodies;
        } finally {
            pool.shutdown();
        }
    }

    /** A failed download becomes an empty body in the map. */
    static Map<URI, byte[]> emptyBodyForFailures(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        return pooled(uris, workers, (client, uri) -> {
            try {
                return fetch(client, uri);
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    /** Throws at the first failed future: the exception names one URI when several failed. */
    static Map<URI, byte[]> firstFailureOnly(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        try {
            Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
            for (URI uri : uris) {
                futures.put(uri, pool.submit(() -> fetch(client, uri)));
            }
            Map<URI, byte[]> bodies = new LinkedHashMap<>();
            for (Map.Entry<URI, Future<byte[]>> e : futures.entrySet()) {
                try {
                    bodies.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    throw new DownloadException(Map.of(e.getKey(), (Exception) ex.getCause()));
                }
            }
            return bodies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Never looks at the status code: a 404 page is returned as the body. */
    static Map<URI, byte[]> ignoresStatus(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        return pooled(uris, workers, (client, uri) -> client.send(get(uri), HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    /** Wraps the failure in a RuntimeException instead of DownloadException. */
    static Map<URI, byte[]> throwsRuntimeException(List<URI> uris, int workers) throws InterruptedException {
        try {
            return correct(uris, workers);
        } catch (DownloadException e) {
            throw new RuntimeException("some downloads failed", e);
        }
    }

    /** Puts every URI into the failures once one has failed. */
    static Map<URI, byte[]> blamesEveryUri(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        try {
            return correct(uris, workers);
        } catch (DownloadException e) {
            Map<URI, Exception> all = new LinkedHashMap<>();
            Exception cause = e.failures().values().iterator().next();
            for (URI uri : uris) {
                all.put(uri, cause);
            }
            throw new DownloadException(all);
        }
    }

    // ---------------------------------------------------------------- bodies

    /** BodyHandlers.ofString(), then getBytes(): binary bytes turned into text and back. */
    static Map<URI, byte[]> bodyAsString(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        return pooled(uris, workers, (client, uri) -> {
            HttpResponse<String> r = client.send(get(uri), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + r.statusCode());
            }
            return r.body().getBytes(StandardCharsets.UTF_8);
        });
    }

    /** One read() into an 8 KB buffer: whatever had arrived, at most 8 KB. */
    static Map<URI, byte[]> readsOnce(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        return pooled(uris, workers, (client, uri) -> {
            HttpResponse<InputStream> r = client.send(get(uri), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + r.statusCode());
            }
            try (InputStream in = r.body()) {
                byte[] buffer = new byte[8192];
                int n = in.read(buffer);
                return Arrays.copyOf(buffer, Math.max(n, 0));
            }
        });
    }

    /** Keys results by the order downloads finish in (a shared counter), not by their own URI. */
    static Map<URI, byte[]> keyedByFinishingOrder(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        AtomicInteger finished = new AtomicInteger();
        Map<URI, byte[]> bodies = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (URI uri : uris) {
                futures.add(pool.submit(() -> {
                    byte[] body = fetch(client, uri);
                    bodies.put(uris.get(finished.getAndIncrement()), body);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new DownloadException(Map.of(uris.get(0), (Exception) e.getCause()));
                }
            }
            return bodies;
        } finally {
            pool.shutdown();
        }
    }

    // ---------------------------------------------------------------- threads and edges

    /** Never shuts its pool down: idle worker threads stay forever. */
    static Map<URI, byte[]> neverShutsDown(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
        for (URI uri : uris) {
            futures.put(uri, pool.submit(() -> fetch(client, uri)));
        }
        return collect(futures);
    }

    /** Shuts down only on the happy path: the throw skips it. */
    static Map<URI, byte[]> leaksOnFailure(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
        for (URI uri : uris) {
            futures.put(uri, pool.submit(() -> fetch(client, uri)));
        }
        Map<URI, byte[]> result = collect(futures);
        pool.shutdown();
        return result;
    }

    /** newFixedThreadPool(min(workers, n)) with no check for an empty list: n = 0 throws. */
    static Map<URI, byte[]> emptyListCrashes(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        try {
            Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
            for (URI uri : uris) {
                futures.put(uri, pool.submit(() -> fetch(client, uri)));
            }
            return collect(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Works, but never checks its arguments: clamps workers, skips null URIs. */
    static Map<URI, byte[]> noArgumentChecks(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        if (uris == null) {
            return Map.of();
        }
        List<URI> present = uris.stream().filter(Objects::nonNull).toList();
        return correct(present, Math.max(1, workers));
    }

    // ---------------------------------------------------------------- interrupts

    /** catch (InterruptedException | ExecutionException e): the interrupt becomes a "failed download". */
    static Map<URI, byte[]> interruptAsFailure(List<URI> uris, int workers) throws DownloadException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        try {
            Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
            for (URI uri : uris) {
                futures.put(uri, pool.submit(() -> fetch(client, uri)));
            }
            Map<URI, byte[]> bodies = new LinkedHashMap<>();
            Map<URI, Exception> failures = new LinkedHashMap<>();
            for (Map.Entry<URI, Future<byte[]>> e : futures.entrySet()) {
                try {
                    bodies.put(e.getKey(), e.getValue().get());
                } catch (InterruptedException | ExecutionException ex) {
                    failures.put(e.getKey(), ex);
                }
            }
            if (!failures.isEmpty()) {
                throw new DownloadException(failures);
            }
            return bodies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Catches the interrupt and waits again: finishes every download, returns normally. */
    static Map<URI, byte[]> ignoresInterrupt(List<URI> uris, int workers) throws DownloadException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        try {
            Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
            for (URI uri : uris) {
                futures.put(uri, pool.submit(() -> fetch(client, uri)));
            }
            Map<URI, byte[]> bodies = new LinkedHashMap<>();
            Map<URI, Exception> failures = new LinkedHashMap<>();
            for (Map.Entry<URI, Future<byte[]>> e : futures.entrySet()) {
                while (true) {
                    try {
                        bodies.put(e.getKey(), e.getValue().get());
                        break;
                    } catch (InterruptedException ignored) {
                        // "it will finish anyway"
                    } catch (ExecutionException ex) {
                        failures.put(e.getKey(), (Exception) ex.getCause());
                        break;
                    }
                }
            }
            if (!failures.isEmpty()) {
                throw new DownloadException(failures);
            }
            return bodies;
        } finally {
            pool.shutdown();
        }
    }

    /** Waits for termination first, then reads results: awaitTermination's interrupt is rethrown only after the wait. */
    static Map<URI, byte[]> waitsThenThrows(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
        for (URI uri : uris) {
            futures.put(uri, pool.submit(() -> fetch(client, uri)));
        }
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true; // "finish cleanly first"
            }
        }
        if (interrupted) {
            throw new InterruptedException("interrupted while downloading");
        }
        return collect(futures);
    }

    /** Lets the InterruptedException out, but stops the pool with shutdown(): the queued downloads still run. */
    static Map<URI, byte[]> keepsGoingAfterInterrupt(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        try {
            Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
            for (URI uri : uris) {
                futures.put(uri, pool.submit(() -> fetch(client, uri)));
            }
            return collect(futures);
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------ waiting (issue 17, item 4)

    /** A fixed pool, but it waits by spinning on isDone() (and the interrupt flag): a core burnt while the downloads run. */
    static Map<URI, byte[]> spinsOnIsDone(List<URI> uris, int workers) throws DownloadException, InterruptedException {
        checkArgs(uris, workers);
        if (uris.isEmpty()) {
            return Map.of();
        }
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, uris.size()));
        try {
            Map<URI, Future<byte[]>> futures = new LinkedHashMap<>();
            for (URI uri : uris) {
                futures.put(uri, pool.submit(() -> fetch(client, uri)));
            }
            while (!futures.values().stream().allMatch(Future::isDone)) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return collect(futures);
        } finally {
            pool.shutdownNow();
        }
    }
}
