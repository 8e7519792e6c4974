package io.reelgraph.nodes.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models Reelgraph can call, with their params and price rules, read from the catalog file
 * bundled with this module and optionally from a user's override file.
 */
public final class ModelCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

    /** The bundled catalog, a resource next to this class. */
    static final String BUNDLED_RESOURCE = "models.json";
    private static final String BUNDLED_NAME = "bundled catalog io/reelgraph/nodes/catalog/"
            + BUNDLED_RESOURCE;

    private final Map<String, ProviderSpec> providers;
    private final Map<String, ModelSpec> models;
    private final List<ProviderSpec> orderedProviders;
    private final List<ModelSpec> orderedModels;

    private ModelCatalog(Map<String, ProviderSpec> providers, Map<String, ModelSpec> models) {
        this.providers = Map.copyOf(providers);
        this.models = Map.copyOf(models);
        this.orderedModels = List.copyOf(models.values());
        this.orderedProviders = List.copyOf(providers.values());
    }

    /**
     * Loads the bundled catalog.
     *
     * @throws CatalogException when the bundled file is missing or invalid, which means the
     *     build is broken
     */
    public static ModelCatalog load() throws CatalogException {
        CatalogReader.Contents bundled = CatalogReader.read(BUNDLED_NAME, bundledBytes(), Map.of());
        Map<String, ProviderSpec> providers = new LinkedHashMap<>();
        bundled.providers().forEach(p -> providers.put(p.id(), p));
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        bundled.models().forEach(m -> models.put(m.id(), m));
        return new ModelCatalog(providers, models);
    }

    /**
     * Loads the bundled catalog and merges an override file over it. A provider or model in the
     * override replaces the bundled one with the same id as a whole; new ids are added. Models
     * in the override may name providers of either file.
     *
     * @throws CatalogException when either file cannot be read or has invalid entries. The
     *     message names the file, the line and column, the model id and the field.
     */
    public static ModelCatalog load(Path overrideFile) throws CatalogException {
        ModelCatalog bundled = load();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(overrideFile);
        } catch (IOException e) {
            throw new CatalogException(overrideFile.toString(), overrideFile
                    + ": failed to read the catalog override file: " + e, e);
        }
        CatalogReader.Contents override =
                CatalogReader.read(overrideFile.toString(), bytes, bundled.providers);

        Map<String, ProviderSpec> providers = new LinkedHashMap<>();
        bundled.orderedProviders.forEach(p -> providers.put(p.id(), p));
        override.providers().forEach(p -> providers.put(p.id(), p));
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        bundled.orderedModels.forEach(m -> models.put(m.id(), m));
        long replaced = override.models().stream().filter(m -> models.containsKey(m.id())).count();
        override.models().forEach(m -> models.put(m.id(), m));

        LOG.info("Loaded model catalog override {}: {} models replaced, {} added, {} providers",
                overrideFile, replaced, override.models().size() - replaced,
                override.providers().size());
        return new ModelCatalog(providers, models);
    }

    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** Returns every model in catalog order, bundled models first. */
    public List<ModelSpec> models() {
        return orderedModels;
    }

    public List<ModelSpec> byModality(Modality modality) {
        return orderedModels.stream().filter(m -> m.modality() == modality).toList();
    }

    public Optional<ProviderSpec> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public List<ProviderSpec> providers() {
        return orderedProviders;
    }

    private static byte[] bundledBytes() throws CatalogException {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new CatalogException(BUNDLED_NAME, BUNDLED_NAME
                        + ": not found on the class path; the nodes jar is incomplete", null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CatalogException(BUNDLED_NAME, BUNDLED_NAME + ": failed to read: " + e, e);
        }
    }
}
