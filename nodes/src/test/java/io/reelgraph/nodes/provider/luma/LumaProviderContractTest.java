package io.reelgraph.nodes.provider.luma;

import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.ProviderContractTest;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.util.List;
import java.util.Optional;

class LumaProviderContractTest extends ProviderContractTest {

    private ModelCatalog catalog;

    @Override
    protected FakeProvider startFake() throws Exception {
        catalog = ModelCatalog.load();
        return new FakeLumaServer();
    }

    @Override
    protected Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key) {
        return LumaTesting.adapter(catalog, fake, sleeper, key);
    }

    @Override
    protected Generation generate(Provider adapter, WorkContext context) throws Exception {
        return adapter.image(new ImageJob(catalog.find("luma/photon-1").orElseThrow(),
                "a night market", 1024, 768, 7, 0, List.of()), context);
    }

    @Override
    protected String keyAlias() {
        return "LUMAAI_API_KEY";
    }

    @Override
    protected boolean hasJobList() {
        return true;
    }
}
