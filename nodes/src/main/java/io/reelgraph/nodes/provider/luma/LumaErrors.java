package io.reelgraph.nodes.provider.luma;

import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.ErrorResponse;
import io.reelgraph.nodes.provider.http.StandardErrors;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Luma's errors: a FastAPI {@code {"detail": ...}} body, read by {@link StandardErrors}, plus
 * an out-of-credit error that Luma sends as a plain 400 naming the credits, and moderation
 * failures worded as "moderation" rather than "content policy".
 */
public final class LumaErrors extends StandardErrors {

    @Override
    public ProviderException map(ErrorResponse response) {
        String detail = detail(parse(response.body()), response.body());
        String text = detail.toLowerCase(Locale.ROOT);
        if (response.status() < 500 && text.contains("credit")
                && (text.contains("insufficient") || text.contains("not enough"))) {
            return new OutOfCreditException(LumaProvider.ID, OptionalInt.of(response.status()),
                    response.providerRequestId(), "Provider luma reports that the account has"
                    + " no credit left (HTTP " + response.status() + "): " + detail
                    + "; add credit at lumalabs.ai/dream-machine/api/billing");
        }
        return super.map(response);
    }

    @Override
    protected boolean isModeration(String code, String detail) {
        return super.isModeration(code, detail) || mentionsModeration(detail);
    }

    /** Returns whether a Luma message or failure reason reports a moderation block. */
    static boolean mentionsModeration(String text) {
        return text.toLowerCase(Locale.ROOT).contains("moderation");
    }
}
