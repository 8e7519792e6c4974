package io.reelgraph.nodes.provider;

import java.io.Closeable;
import mockwebserver3.MockResponse;

/** The controls every fake provider server offers to {@link ProviderContractTest}. */
public interface FakeProvider extends Closeable {

    /** The stage of the protocol a scripted failure replaces. */
    enum Stage { SUBMIT, POLL, RESULT, MEDIA }

    /** Returns the base URL to set as {@code REELGRAPH_<PROVIDER>_BASE_URL}. */
    String baseUrl();

    /** Returns the key the fake accepts. */
    String key();

    int submits();

    int cancels();

    /** Answers the next request of a stage with this response instead of the protocol's. */
    void failNext(Stage stage, MockResponse response);

    /** Delays the submit response far past any read timeout. */
    void stallSubmits();

    /** Keeps every job running until it is cancelled. */
    void holdJobsRunning();

    /** Serves these bytes as the media of every result. */
    void serveMedia(byte[] bytes);

    /** Returns the media URLs the fake handed out, to check they went without the key. */
    java.util.List<String> mediaAuthorizationHeaders();

    /** Creates a job at the provider directly, as an earlier run would have, and returns it. */
    io.reelgraph.engine.journal.ProviderJob createJob();
}
