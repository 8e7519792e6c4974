package io.reelgraph.engine.money;

/** The spend a budget cap limits, and its period. Months are calendar months in UTC. */
public enum CapScope {
    /** The cost of one run; the stored cap is the default when no run cap is given. */
    RUN,
    /** Everything a project ever spent. */
    PROJECT_TOTAL,
    /** A project's spend in the current calendar month. */
    PROJECT_MONTH,
    /** The payments to one provider in the current calendar month, over every project. */
    PROVIDER_MONTH;

    /** Returns whether the cap counts only the current calendar month. */
    public boolean monthly() {
        return this == PROJECT_MONTH || this == PROVIDER_MONTH;
    }
}
