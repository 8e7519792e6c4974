package io.reelgraph.engine.run;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.journal.JobClaimedException;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.JobHandle;
import io.reelgraph.engine.journal.JobJournal;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.money.BudgetException;
import io.reelgraph.engine.money.BudgetExceededException;
import io.reelgraph.engine.money.Reservation;
import io.reelgraph.engine.money.SpendGuard;
import io.reelgraph.engine.money.SpendRequest;
import io.reelgraph.engine.type.Billing;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkOutput;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one run. The calling thread coordinates: it evaluates nodes, keeps a queue of ready
 * paid items per provider, starts them on a thread pool within each provider's concurrency
 * limit and reacts to their completions, so all evaluation state is touched by one thread.
 * A paid item starts as soon as its own inputs exist, not when its whole node is ready.
 */
final class RunLoop implements Evaluation.PaidSink {

    private static final Logger LOG = LoggerFactory.getLogger(RunLoop.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * How many times one item looks again after finding its cache key claimed by another
     * process: enough for a wait, a resume and a second claim after the other submit failed.
     */
    private static final int MAX_CLAIM_ATTEMPTS = 4;

    private sealed interface Message {
    }

    private record Event(RunEvent event) implements Message {
    }

    private record Finished(WorkItem item, CachedResult result, boolean shared) implements Message {
    }

    private record Failed(WorkItem item, Throwable failure) implements Message {
    }

    private record Cancel() implements Message {
    }

    private record Ready(WorkItem item, NodeType type, ItemInput input) {
    }

    private final Engine engine;
    private final SessionState session;
    private final Evaluation evaluation;
    private final EvaluationContext context;
    private final RunOptions options;
    private final RunListener listener;
    private final RunControl control;
    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final Map<String, ArrayDeque<Ready>> queues = new TreeMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<WorkItem, Thread> threads = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "reelgraph-run-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private int inFlight;
    private volatile boolean stopping;
    private boolean cancelled;

    RunLoop(Engine engine, SessionState session, Evaluation evaluation, EvaluationContext context,
            RunOptions options, RunListener listener, RunControl control) {
        this.engine = engine;
        this.session = session;
        this.evaluation = evaluation;
        this.context = context;
        this.options = options;
        this.listener = listener;
        this.control = control;
    }

    RunResult run() {
        evaluation.onPaidReady(this);
        evaluation.listener(listener);
        control.onCancel(() -> inbox.add(new Cancel()));
        try {
            evaluation.pass();
            Projection projection = Projection.of(evaluation.snapshot());
            loop();
            return finish(projection);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void ready(WorkItem item, NodeType type, ItemInput input) {
        if (stopping) {
            return;
        }
        item.dispatched = true;
        queues.computeIfAbsent(item.provider(), provider -> new ArrayDeque<>())
                .add(new Ready(item, type, input));
        listener.onEvent(new RunEvent.Queued(item.node, item.itemKey, item.provider()));
    }

    private void loop() {
        while (true) {
            dispatch();
            if (inFlight == 0 && (stopping || queues.values().stream().allMatch(ArrayDeque::isEmpty))) {
                break;
            }
            Message message;
            try {
                message = inbox.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                message = new Cancel();
            }
            handle(message);
        }
        for (Message left = inbox.poll(); left != null; left = inbox.poll()) {
            if (left instanceof Event event) {
                listener.onEvent(event.event());
            }
        }
    }

    private void dispatch() {
        if (stopping) {
            return;
        }
        for (Map.Entry<String, ArrayDeque<Ready>> entry : queues.entrySet()) {
            int limit = options.concurrency(entry.getKey());
            ArrayDeque<Ready> queue = entry.getValue();
            while (!queue.isEmpty() && running.getOrDefault(entry.getKey(), 0) < limit) {
                Ready ready = queue.poll();
                running.merge(entry.getKey(), 1, Integer::sum);
                inFlight++;
                pool.execute(() -> execute(ready));
            }
        }
    }

    private void handle(Message message) {
        if (message instanceof Event event) {
            listener.onEvent(event.event());
        } else if (message instanceof Finished finished) {
            completed(finished.item());
            WorkItem item = finished.item();
            item.result = Optional.of(finished.result());
            item.state = finished.shared() ? ItemState.CACHED : ItemState.EXECUTED;
            item.computedHere = !finished.shared();
            item.reason = finished.shared() ? "cached: the same cache key ran elsewhere" : "ran now";
            session.remember(finished.result());
            evaluation.recordHistory(item);
            listener.onEvent(new RunEvent.Done(item.node, item.itemKey, finished.shared(),
                    finished.shared() ? Optional.empty() : Optional.of(cost(finished.result()))));
            evaluation.itemChanged(item);
        } else if (message instanceof Failed failed) {
            completed(failed.item());
            failed(failed.item(), failed.failure());
            evaluation.itemChanged(failed.item());
        } else if (message instanceof Cancel) {
            stopping = true;
            cancelled = true;
            threads.forEach((item, thread) -> {
                synchronized (item) {
                    if (!item.committing) {
                        thread.interrupt();
                    }
                }
            });
        }
    }

    private void completed(WorkItem item) {
        item.dispatched = false;
        running.merge(item.provider(), -1, Integer::sum);
        inFlight--;
    }

    private void failed(WorkItem item, Throwable failure) {
        if (cancelled && isInterruption(failure)) {
            item.state = ItemState.CANCELLED;
            item.reason = "cancelled while running";
            listener.onEvent(new RunEvent.Cancelled(item.node, item.itemKey));
            return;
        }
        String message;
        if (failure instanceof NodeException || failure instanceof BudgetExceededException) {
            message = failure.getMessage();
        } else if (failure instanceof java.io.IOException) {
            message = "network error calling provider " + item.provider() + ": "
                    + failure.getMessage() + " (" + failure.getClass().getSimpleName()
                    + "); check the connection and run again, finished results are cached";
        } else {
            message = failure.toString();
        }
        if (failure instanceof BudgetExceededException) {
            LOG.warn("Paid item {} of node {} not sent: {}", item.itemKey, item.node, message);
        } else if (!(failure instanceof NodeException)) {
            LOG.error("Paid item {} of node {} failed", item.itemKey, item.node, failure);
        }
        item.state = ItemState.FAILED;
        item.error = Optional.of(message);
        item.reason = message;
        listener.onEvent(new RunEvent.Failed(item.node, item.itemKey, message));
        if (options.stopOnFirstFailure()) {
            stopping = true;
        }
    }

    private static boolean isInterruption(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException
                    || cause instanceof java.io.InterruptedIOException
                    || cause instanceof java.util.concurrent.CancellationException) {
                return true;
            }
        }
        return false;
    }

    /** Executes one paid item on a pool thread, sharing the call with identical keys in flight. */
    private void execute(Ready ready) {
        WorkItem item = ready.item();
        threads.put(item, Thread.currentThread());
        try {
            if (stopping) {
                inbox.add(new Failed(item, new java.util.concurrent.CancellationException()));
                return;
            }
            executeOnce(ready);
        } finally {
            threads.remove(item);
            Thread.interrupted();
        }
    }

    private void executeOnce(Ready ready) {
        WorkItem item = ready.item();
        CacheKey key = item.key.orElseThrow();
        CompletableFuture<CachedResult> mine = new CompletableFuture<>();
        CompletableFuture<CachedResult> other = engine.inFlight().putIfAbsent(key, mine);
        if (other != null) {
            awaitOther(item, other);
            return;
        }
        try {
            // Each pass either finishes the item or finds the key claimed by another process,
            // waits for that process, and looks again.
            for (int attempt = 1; ; attempt++) {
                // Read before the lookup: a process that finishes the key in between commits
                // the result before it marks the entry DONE, so a changed DONE entry later
                // proves the result is in the cache.
                Optional<JobEntry> beforeLookup = engine.journal()
                        .flatMap(journal -> journal.find(key));
                Optional<CachedResult> stored = engine.cache().lookup(key);
                if (stored.isPresent()) {
                    mine.complete(stored.get());
                    inbox.add(new Finished(item, stored.get(), true));
                    return;
                }
                Optional<JobClaimedException> claimed = callProvider(ready, key, mine,
                        beforeLookup, attempt == 1);
                if (claimed.isEmpty()) {
                    return;
                }
                if (attempt == MAX_CLAIM_ATTEMPTS) {
                    throw claimed.get();
                }
                if (claimed.get().entry().status() != JobStatus.SUBMITTING) {
                    continue;
                }
                OwnerWait.await(engine.journal().orElseThrow(), key, claimed.get().entry(),
                        () -> stopping || control.cancelled());
            }
        } catch (Throwable failure) {
            mine.completeExceptionally(failure);
            inbox.add(new Failed(item, failure));
        } finally {
            engine.inFlight().remove(key, mine);
        }
    }

    /**
     * Calls the provider for one item and commits its result.
     *
     * @return the claim of another process when the key was already claimed, in which case
     *     nothing was sent and the reservation was released. Empty when the item finished.
     */
    private Optional<JobClaimedException> callProvider(Ready ready, CacheKey key,
            CompletableFuture<CachedResult> mine, Optional<JobEntry> beforeLookup,
            boolean firstAttempt) throws Throwable {
        WorkItem item = ready.item();
        Optional<Reservation> reservation = resumesJobOfOtherOwner(key) ? Optional.empty()
                : reserve(item, key);
        if (firstAttempt) {
            inbox.add(new Event(new RunEvent.Started(item.node, item.itemKey, true)));
        }
        LOG.info("Calling provider {} for node {} item {} (cache key {})", item.provider(),
                item.node, item.itemKey, key.shortForm());
        WorkOutput output;
        try {
            output = ready.type().execute(ready.input(), new ItemContext(item, beforeLookup));
        } catch (Throwable failure) {
            Optional<JobClaimedException> claimed = claimedElsewhere(failure);
            if (claimed.isPresent()) {
                reservation.ifPresent(this::release);
                return claimed;
            }
            reservation.ifPresent(held -> unsettled(held, key));
            throw failure;
        }
        reservation.ifPresent(held -> settle(held, output));
        // The result is paid for: from here on a cancel must not interrupt the commit,
        // because an interrupted file channel closes and the result would be lost.
        synchronized (item) {
            item.committing = true;
            Thread.interrupted();
        }
        CachedResult result = engine.toResult(item, output);
        engine.cache().commit(result);
        closeJournalEntry(key);
        CachedResult stable = engine.cache().lookup(key).orElse(result);
        mine.complete(stable);
        inbox.add(new Finished(item, stable, false));
        return Optional.empty();
    }

    /**
     * Returns whether the item will poll a job that another journal owner submitted. That owner
     * reserved its cost, so a second reservation would count one provider call twice.
     *
     * <p>NOTE: when that owner crashed, its ledger row keeps the projected cost as RESERVED,
     * because this process does not settle another process's row.
     */
    private boolean resumesJobOfOtherOwner(CacheKey key) {
        Optional<JobJournal> journal = engine.journal();
        if (journal.isEmpty()) {
            return false;
        }
        Optional<JobEntry> entry = journal.get().find(key);
        return entry.isPresent() && entry.get().status() == JobStatus.SUBMITTED
                && new JobHandle(journal.get(), key).ownedElsewhere(entry.get());
    }

    private static Optional<JobClaimedException> claimedElsewhere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JobClaimedException claimed) {
                return Optional.of(claimed);
            }
        }
        return Optional.empty();
    }

    /** Releases the reservation of a call that was never sent. */
    private void release(Reservation reservation) {
        try {
            engine.guard().orElseThrow().release(reservation);
        } catch (RuntimeException e) {
            LOG.error("Failed to release ledger row {} of node {} item {}",
                    reservation.ledgerId(), reservation.request().node(),
                    reservation.request().itemKey(), e);
        }
    }

    /**
     * Reserves the projected cost of a paid call with the spend guard, if the engine has one.
     * Draft calls cost nothing and never reserve.
     */
    private Optional<Reservation> reserve(WorkItem item, CacheKey key)
            throws BudgetExceededException {
        Optional<SpendRequest> request = spendRequest(item, key);
        if (engine.guard().isEmpty() || request.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(engine.guard().get().reserve(request.get()));
    }

    private static Optional<SpendRequest> spendRequest(WorkItem item, CacheKey key) {
        if (!item.paid || item.billing.isEmpty() || item.billing.get().draft()) {
            return Optional.empty();
        }
        Billing billing = item.billing.get();
        return Optional.of(new SpendRequest(item.node, item.itemKey, key, billing.provider(),
                billing.model(), billing.projectedUsd()));
    }

    /**
     * Settles a call that returned. A ledger failure is logged and not raised, because the
     * result is paid for and must still reach the cache.
     */
    private void settle(Reservation reservation, WorkOutput output) {
        try {
            engine.guard().orElseThrow().settle(reservation, output.actualUsd(),
                    output.providerRequestId());
        } catch (BudgetException e) {
            LOG.error("Failed to settle ledger row {} of node {} item {}", reservation.ledgerId(),
                    reservation.request().node(), reservation.request().itemKey(), e);
        }
    }

    /**
     * Ends the reservation of a call that failed: it stays pending when the job journal shows a
     * submitted or ambiguous job, because the provider may still charge for it, and is released
     * otherwise.
     */
    private void unsettled(Reservation reservation, CacheKey key) {
        SpendGuard guard = engine.guard().orElseThrow();
        try {
            Optional<JobEntry> job = engine.journal().flatMap(journal -> journal.find(key));
            if (job.isPresent() && (job.get().status() == JobStatus.SUBMITTED
                    || job.get().status() == JobStatus.AMBIGUOUS)) {
                guard.pending(reservation, job.get().providerRequestId());
            } else {
                guard.release(reservation);
            }
        } catch (RuntimeException e) {
            LOG.error("Failed to end ledger row {} of node {} item {}", reservation.ledgerId(),
                    reservation.request().node(), reservation.request().itemKey(), e);
        }
    }

    /** Records the paid cache hits of the run in the spend ledger, as money the cache saved. */
    private void recordCacheHits() {
        if (engine.guard().isEmpty()) {
            return;
        }
        for (WorkItem item : evaluation.workItems()) {
            Optional<SpendRequest> request = item.key.flatMap(key -> spendRequest(item, key));
            if (item.state != ItemState.CACHED || request.isEmpty()) {
                continue;
            }
            try {
                engine.guard().get().cached(request.get());
            } catch (BudgetException e) {
                LOG.error("Failed to record the cache hit of node {} item {}", item.node,
                        item.itemKey, e);
            }
        }
    }

    /** Marks the item's async job done once its result is committed, if it had one. */
    private void closeJournalEntry(CacheKey key) {
        Optional<JobJournal> journal = engine.journal();
        if (journal.isPresent() && journal.get().find(key).isPresent()) {
            journal.get().done(key);
        }
    }

    private void awaitOther(WorkItem item, CompletableFuture<CachedResult> other) {
        try {
            inbox.add(new Finished(item, other.get(), true));
        } catch (ExecutionException e) {
            inbox.add(new Failed(item, e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inbox.add(new Failed(item, e));
        }
    }

    private RunResult finish(Projection projection) {
        for (WorkItem item : evaluation.workItems()) {
            if (!item.state.hasResult() && item.state != ItemState.FAILED
                    && item.state != ItemState.SKIPPED && item.state != ItemState.CANCELLED) {
                item.state = ItemState.CANCELLED;
                item.dispatched = false;
                NodeState state = session.states.get(item.node);
                if (state != null) {
                    session.unsettled.add(state);
                }
                item.reason = cancelled ? "cancelled before it started"
                        : "not started: the run stopped after the first failure";
                listener.onEvent(new RunEvent.Cancelled(item.node, item.itemKey));
            }
        }
        evaluation.invalidateSnapshots();
        evaluation.flush();
        recordCacheHits();
        List<Path> outputs = cancelled ? List.of()
                : OutputWriter.write(context.outputDirectory(), evaluation.outputFiles());
        BigDecimal actual = BigDecimal.ZERO;
        boolean draft = false;
        for (WorkItem item : evaluation.workItems()) {
            if (item.result.isPresent() && item.state.hasResult()) {
                draft |= item.result.get().draft();
                if (item.paid && item.computedHere) {
                    actual = actual.add(cost(item.result.get()));
                }
            }
        }
        List<PlannedItem> items = evaluation.snapshot();
        RunResult result = new RunResult(items, projection, actual, outputs, draft, cancelled);
        listener.onEvent(new RunEvent.Finished(result.total(), result.executed(), result.cached(),
                result.failed()));
        return result;
    }

    private static BigDecimal cost(CachedResult result) {
        return result.actualUsd().orElse(result.projectedUsd());
    }

    /** The running side of one paid item: events go through the coordinator's inbox. */
    private final class ItemContext implements WorkContext {

        private final WorkItem item;
        private final Optional<JobEntry> beforeLookup;

        ItemContext(WorkItem item, Optional<JobEntry> beforeLookup) {
            this.item = item;
            this.beforeLookup = beforeLookup;
        }

        @Override
        public void progress(double fraction, String status) {
            inbox.add(new Event(new RunEvent.Progress(item.node, item.itemKey, fraction, status)));
        }

        @Override
        public void waitingForRateLimit(long millis) {
            inbox.add(new Event(new RunEvent.WaitingForRateLimit(item.node, item.itemKey, millis)));
        }

        @Override
        public boolean cancelled() {
            return stopping || control.cancelled();
        }

        @Override
        public Optional<JobHandle> job() {
            return engine.journal().map(journal -> new JobHandle(journal, item.key.orElseThrow(),
                    beforeLookup));
        }
    }
}
