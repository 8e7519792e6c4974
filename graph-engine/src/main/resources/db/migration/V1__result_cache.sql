-- One row per committed work item result. JSON artifacts are stored inline in OUTPUTS;
-- media artifacts live in the blob store and are referenced by content hash.
CREATE TABLE RESULT (
    CACHE_KEY CHAR(64) PRIMARY KEY,
    NODE_TYPE VARCHAR(200) NOT NULL,
    TYPE_VERSION INT NOT NULL,
    OUTPUTS CLOB NOT NULL,
    FILES CLOB NOT NULL,
    PROVIDER VARCHAR(64),
    MODEL VARCHAR(200),
    DRAFT BOOLEAN NOT NULL,
    PROJECTED_USD DECIMAL(18, 6) NOT NULL,
    ACTUAL_USD DECIMAL(18, 6),
    PROVIDER_REQUEST_ID VARCHAR(200),
    CREATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
    MANIFEST CLOB NOT NULL
);

-- The key manifest last used by each work item of each node of each graph file, so that a
-- plan can say which param or input changed since the cached result.
CREATE TABLE NODE_HISTORY (
    GRAPH_ID VARCHAR(64) NOT NULL,
    NODE_ID VARCHAR(200) NOT NULL,
    ITEM_KEY VARCHAR(400) NOT NULL,
    CACHE_KEY CHAR(64) NOT NULL,
    MANIFEST CLOB NOT NULL,
    UPDATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (GRAPH_ID, NODE_ID, ITEM_KEY)
);
