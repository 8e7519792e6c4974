package io.reelgraph.nodes.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DraftImagesTest {

    private static final ImageRequest KEYFRAME = new ImageRequest(640, 360,
            "Night market in the rain, neon on wet cobblestones", 7, 0, "fal/flux-dev",
            List.of("Mira", "Noir style"));

    @Nested
    class Output {

        @Test
        void pngHasRequestedSize() throws Exception {
            BufferedImage image = decode(DraftImages.render(KEYFRAME));

            assertThat(image.getWidth()).isEqualTo(640);
            assertThat(image.getHeight()).isEqualTo(360);
        }

        @Test
        void extremeSizesRender() throws Exception {
            BufferedImage small = decode(DraftImages.render(
                    new ImageRequest(64, 64, "tiny", 1, 0, "m", List.of())));
            BufferedImage tall = decode(DraftImages.render(
                    new ImageRequest(64, 1500, "a tall strip", 1, 0, "m", List.of())));

            assertThat(small.getWidth()).isEqualTo(64);
            assertThat(small.getHeight()).isEqualTo(64);
            assertThat(tall.getWidth()).isEqualTo(64);
            assertThat(tall.getHeight()).isEqualTo(1500);
        }

        @Test
        void pngCarriesNoTimeOrTextChunk() {
            String chunks = new String(DraftImages.render(KEYFRAME), StandardCharsets.ISO_8859_1);

            assertThat(chunks).doesNotContain("tIME");
            assertThat(chunks).doesNotContain("tEXt");
            assertThat(chunks).doesNotContain("iTXt");
        }

        @Test
        void draftBadgeDiffersFromBackground() throws Exception {
            BufferedImage image = decode(DraftImages.render(KEYFRAME));
            // The badge sits at margin min(640, 360) / 16 = 22 from the top-left corner.
            int badgeFill = image.getRGB(24, 24) & 0xFFFFFF;
            int background = image.getRGB(2, 2) & 0xFFFFFF;

            assertThat(badgeFill).isEqualTo(DraftLettering.BADGE_FILL.getRGB() & 0xFFFFFF);
            assertThat(background).isNotEqualTo(badgeFill);
        }

        @Test
        void promptIsDrawn() throws Exception {
            ImageRequest empty = new ImageRequest(640, 360, "", 7, 0, "fal/flux-dev",
                    List.of("Mira", "Noir style"));
            BufferedImage withPrompt = decode(DraftImages.render(KEYFRAME));
            BufferedImage without = decode(DraftImages.render(empty));

            // Same background, so any difference in the prompt band comes from the text.
            assertThat(differingPixels(withPrompt, without, 0, 100, 640, 200)).isPositive();
        }
    }

    @Nested
    class Determinism {

        @Test
        void equalRequestsGiveEqualBytes() {
            assertThat(DraftImages.render(KEYFRAME)).isEqualTo(DraftImages.render(
                    new ImageRequest(640, 360, KEYFRAME.prompt(), 7, 0, "fal/flux-dev",
                            List.of("Mira", "Noir style"))));
        }

        @Test
        void variationChangesBytes() {
            ImageRequest next = new ImageRequest(640, 360, KEYFRAME.prompt(), 7, 1,
                    "fal/flux-dev", KEYFRAME.referenceLabels());

            assertThat(DraftImages.render(next)).isNotEqualTo(DraftImages.render(KEYFRAME));
        }

        @Test
        void promptChangesBytes() {
            ImageRequest other = new ImageRequest(640, 360, "A different shot", 7, 0,
                    "fal/flux-dev", KEYFRAME.referenceLabels());

            assertThat(DraftImages.render(other)).isNotEqualTo(DraftImages.render(KEYFRAME));
        }
    }

    @Nested
    class Validation {

        @Test
        void widthBelowMinimumIsRejected() {
            assertThatThrownBy(() -> new ImageRequest(63, 100, "p", 0, 0, "m", List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Draft image width 63 is out of range; use 64 to 4096 pixels");
        }

        @Test
        void heightAboveMaximumIsRejected() {
            assertThatThrownBy(() -> new ImageRequest(100, 4097, "p", 0, 0, "m", List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Draft image height 4097 is out of range; use 64 to 4096 pixels");
        }

        @Test
        void negativeVariationIsRejected() {
            assertThatThrownBy(() -> new ImageRequest(100, 100, "p", 0, -1, "m", List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Draft image variation must be zero or more, got -1");
        }
    }

    static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("ImageIO decodes the PNG").isNotNull();
        return image;
    }

    private static int differingPixels(BufferedImage a, BufferedImage b, int x0, int y0, int x1,
            int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    count++;
                }
            }
        }
        return count;
    }
}
