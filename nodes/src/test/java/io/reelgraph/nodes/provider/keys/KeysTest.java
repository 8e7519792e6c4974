package io.reelgraph.nodes.provider.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.nodes.catalog.ModelCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeysTest {

    private static final String KEY = "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78";

    @Test
    void secretShowsOnlyItsMaskedForm() {
        Secret secret = new Secret(KEY.toCharArray());

        assertThat(secret.toString()).isEqualTo("sk-proj-…Qr78");
        assertThat(secret.masked()).isEqualTo("sk-proj-…Qr78");
        assertThat(String.valueOf(secret.reveal())).isEqualTo(KEY);
    }

    @Test
    void wipedSecretRefusesToReveal() throws Exception {
        Secret secret = new Secret(KEY.toCharArray());

        secret.wipe();

        assertThat(secret.wiped()).isTrue();
        assertThatThrownBy(secret::reveal).isInstanceOf(IllegalStateException.class)
                .hasMessage("The key sk-proj-…Qr78 was wiped; look it up again from the vault"
                        + " or environment");
        java.lang.reflect.Field value = Secret.class.getDeclaredField("value");
        value.setAccessible(true);
        assertThat((char[]) value.get(secret)).containsOnly('\0');
    }

    @Test
    void closedSecretIsWiped() throws Exception {
        char[] given = KEY.toCharArray();
        Secret secret = new Secret(given);
        java.util.Arrays.fill(given, 'x');

        try (Secret held = secret) {
            assertThat(String.valueOf(held.reveal())).isEqualTo(KEY);
        }

        assertThat(secret.wiped()).isTrue();
        assertThatThrownBy(secret::reveal).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void maskMatchesTheStringMask() {
        assertThat(Secret.mask(KEY.toCharArray())).isEqualTo("sk-proj-…Qr78");
        assertThat(Secret.mask("r8_Fk3pQ9sLm2Vx7Tz4Bn6Hc1Jd8".toCharArray())).isEqualTo("r8_…1Jd8");
        assertThat(Secret.mask("short".toCharArray())).isEqualTo("…");
    }

    @Test
    void environmentLookupNamesTheVariable() throws Exception {
        ModelCatalog catalog = ModelCatalog.load();
        EnvironmentKeyLookup keys = new EnvironmentKeyLookup(catalog,
                Map.of("FAL_KEY", "  " + KEY + "\n"));

        ProviderKey key = keys.find("fal").orElseThrow();

        assertThat(key.alias()).isEqualTo("FAL_KEY");
        assertThat(key.source()).isEqualTo("env FAL_KEY");
        assertThat(String.valueOf(key.secret().reveal())).isEqualTo(KEY);
        assertThat(key.toString()).doesNotContain(KEY);
        assertThat(keys.find("openai")).isEmpty();
        assertThat(keys.find("draft")).isEmpty();
    }
}
