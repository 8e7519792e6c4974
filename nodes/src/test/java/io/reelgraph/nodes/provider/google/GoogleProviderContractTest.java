package io.reelgraph.nodes.provider.google;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.ProviderContractTest;
import io.reelgraph.nodes.provider.VideoJob;
import io.reelgraph.nodes.provider.fal.TestMedia;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.util.List;
import java.util.Optional;

/** Runs the shared suite against Veo, the Gemini API's one async path. */
class GoogleProviderContractTest extends ProviderContractTest {

    private ModelCatalog catalog;

    @Override
    protected FakeProvider startFake() throws Exception {
        catalog = ModelCatalog.load();
        return new FakeGoogleServer();
    }

    @Override
    protected Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key) {
        return GoogleTesting.adapter(catalog, fake, sleeper, key);
    }

    @Override
    protected Generation generate(Provider adapter, WorkContext context) throws Exception {
        Artifact still = Artifact.ofBytes("image/png", TestMedia.png(), false);
        return adapter.video(new VideoJob(catalog.find("google/veo-3.0-generate-001")
                .orElseThrow(), still, "a night market", 8, 1280, 720, 7, 0), context);
    }

    @Override
    protected String keyAlias() {
        return "GEMINI_API_KEY";
    }

    @Override
    protected String mediaType() {
        return "video/mp4";
    }

    @Override
    protected List<String> expectedProgress() {
        return List.of("running");
    }

    @Override
    protected boolean supportsCancel() {
        return false;
    }

    @Override
    protected boolean downloadsNeedKey() {
        return true;
    }
}
