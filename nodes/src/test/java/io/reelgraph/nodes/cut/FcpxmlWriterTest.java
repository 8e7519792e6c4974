package io.reelgraph.nodes.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelgraph.engine.testing.ReferenceFiles;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

class FcpxmlWriterTest {

    private static final String DTD = "formats/fcpxml/dtd/Final_Cut_Pro_XML_DTD_version_1.10.dtd";

    /** Two scenes with a video, stills, dialogue longer than the pictures and an empty scene. */
    static Timeline assembled(FrameRate rate, boolean draft) {
        MediaRef shot = MediaRef.video("media/sc 01/shot #1.mov", RationalTime.of(5005, 1000),
                1280, 720, 48000, 2, draft);
        MediaRef still = MediaRef.image("media/sc02 still.png", 1344, 768, false);
        MediaRef lineOne = MediaRef.audio("media/line-1.wav", RationalTime.of(3, 2), 48000, 1,
                false);
        MediaRef lineTwo = MediaRef.audio("media/line-2.wav", RationalTime.of(4321, 1000), 48000,
                1, false);
        return TimelineAssembler.assemble("Night Market", rate, RationalTime.ofSeconds(2),
                List.of(new SceneCut("s1", "1 - INT. KITCHEN - DAY", List.of(shot),
                                List.of(lineOne, lineTwo, lineOne)),
                        new SceneCut("s2", "2 - EXT. STREET & PIER", List.of(still, still),
                                List.of(lineTwo)),
                        new SceneCut("s3", "3 - EMPTY", List.of(), List.of())));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd",
                false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static RationalTime time(Element element, String attribute) {
        return RationalTime.parseFcpxml(element.getAttribute(attribute));
    }

    private static Optional<Path> xmllint() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "xmllint");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Nested
    class DtdValidation {

        @TempDir
        Path folder;

        @ParameterizedTest
        @ValueSource(strings = {"24", "23.976", "29.97df", "25", "59.94"})
        void validatesAgainstDtd(String rateText) throws Exception {
            Optional<Path> xmllint = xmllint();
            Optional<Path> dtd = ReferenceFiles.find(DTD);
            assumeTrue(xmllint.isPresent(), "xmllint is not installed");
            assumeTrue(dtd.isPresent(), "the FCPXML DTD folder is absent");
            Path file = folder.resolve("cut.fcpxml");
            Files.writeString(file, FcpxmlWriter.write(assembled(FrameRate.parse(rateText),
                    true)), StandardCharsets.UTF_8);

            String output = run(xmllint.get().toString(), "--noout", "--dtdvalid",
                    dtd.get().toString(), file.toString());

            assertThat(output).isEmpty();
        }

        @Test
        void emptyTimelineValidates() throws Exception {
            Optional<Path> xmllint = xmllint();
            Optional<Path> dtd = ReferenceFiles.find(DTD);
            assumeTrue(xmllint.isPresent() && dtd.isPresent(), "xmllint or the DTD is absent");
            Path file = folder.resolve("empty.fcpxml");
            Files.writeString(file, FcpxmlWriter.write(TimelineAssembler.assemble("Empty",
                    FrameRate.FPS_24, RationalTime.ofSeconds(2), List.of())));
            assertThat(run(xmllint.get().toString(), "--noout", "--dtdvalid",
                    dtd.get().toString(), file.toString())).isEmpty();
        }

        /** Runs a command and returns its combined output, or fails with it on a non-zero exit. */
        private String run(String... command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("xmllint output: %s", output).isZero();
            return output;
        }
    }

    @Nested
    class Timing {

        @ParameterizedTest
        @ValueSource(strings = {"24", "23.976", "29.97df"})
        void spineIsContiguousOnFrameGrid(String rateText) throws Exception {
            FrameRate rate = FrameRate.parse(rateText);
            Timeline timeline = assembled(rate, false);
            Element sequence = (Element) parse(FcpxmlWriter.write(timeline))
                    .getElementsByTagName("sequence").item(0);
            Element spine = (Element) sequence.getElementsByTagName("spine").item(0);

            RationalTime position = time(sequence, "tcStart");
            assertThat(position).isEqualTo(rate.timeOf(timeline.startFrame()));
            for (Element item : children(spine)) {
                assertThat(time(item, "offset")).as(item.getAttribute("name"))
                        .isEqualTo(position);
                assertThat(time(item, "duration").isMultipleOf(rate.frameDuration())).isTrue();
                assertThat(time(item, "start").isMultipleOf(rate.frameDuration())).isTrue();
                position = position.plus(time(item, "duration"));
            }
            assertThat(position.minus(time(sequence, "tcStart")))
                    .isEqualTo(time(sequence, "duration"))
                    .isEqualTo(rate.timeOf(timeline.duration()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"24", "23.976", "29.97df"})
        void connectedAudioLandsOnRecordFrames(String rateText) throws Exception {
            FrameRate rate = FrameRate.parse(rateText);
            Timeline timeline = assembled(rate, false);
            Document document = parse(FcpxmlWriter.write(timeline));
            RationalTime tcStart = time((Element) document.getElementsByTagName("sequence")
                    .item(0), "tcStart");

            List<Long> written = new ArrayList<>();
            for (Element spineItem : children((Element) document.getElementsByTagName("spine")
                    .item(0))) {
                for (Element child : children(spineItem)) {
                    if (!child.getAttribute("lane").equals("-1")) {
                        continue;
                    }
                    // Sequence time of a connected clip = parent offset + (offset - parent start).
                    RationalTime sequenceTime = time(spineItem, "offset")
                            .plus(time(child, "offset")).minus(time(spineItem, "start"));
                    written.add(rate.framesIn(sequenceTime.minus(tcStart)));
                    assertThat(rate.framesIn(time(child, "duration"))).isPositive();
                }
            }

            List<Long> expected = timeline.tracks().get(1).placements().stream()
                    .filter(placement -> placement.item() instanceof TrackItem.Clip)
                    .map(Placement::recordIn).toList();
            assertThat(written).isEqualTo(expected).hasSize(4);
        }

        @Test
        void ntscTimesAreExactFractions() throws Exception {
            Timeline timeline = assembled(FrameRate.FPS_23_976, false);
            Document document = parse(FcpxmlWriter.write(timeline));
            Element sequence = (Element) document.getElementsByTagName("sequence").item(0);
            Element format = (Element) document.getElementsByTagName("format").item(0);
            Element firstClip = (Element) document.getElementsByTagName("asset-clip").item(0);

            assertThat(format.getAttribute("frameDuration")).isEqualTo("1001/24000s");
            assertThat(sequence.getAttribute("tcStart")).isEqualTo("18018/5s");
            assertThat(sequence.getAttribute("tcFormat")).isEqualTo("NDF");
            assertThat(firstClip.getAttribute("offset")).isEqualTo("18018/5s");
            // 5.005 s is 120 frames of 1001/24000 s.
            assertThat(firstClip.getAttribute("duration")).isEqualTo("1001/200s");
        }

        @Test
        void dropFrameSequenceStartsAtDropFrameHour() throws Exception {
            Element sequence = (Element) parse(FcpxmlWriter.write(assembled(
                    FrameRate.FPS_29_97_DF, false))).getElementsByTagName("sequence").item(0);
            assertThat(sequence.getAttribute("tcFormat")).isEqualTo("DF");
            assertThat(time(sequence, "tcStart")).isEqualTo(RationalTime.of(107892 * 1001L,
                    30000));
        }
    }

    @Nested
    class Content {

        @Test
        void documentHeaderAndVersion() {
            String xml = FcpxmlWriter.write(assembled(FrameRate.FPS_24, false));
            assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<!DOCTYPE fcpxml>\n\n<fcpxml version=\"1.10\">\n");
        }

        @Test
        void mediaSourcesArePercentEncodedRelativeUrls() throws Exception {
            Document document = parse(FcpxmlWriter.write(assembled(FrameRate.FPS_24, false)));
            List<String> sources = new ArrayList<>();
            for (int i = 0; i < document.getElementsByTagName("media-rep").getLength(); i++) {
                sources.add(((Element) document.getElementsByTagName("media-rep").item(i))
                        .getAttribute("src"));
            }
            assertThat(sources).containsExactly("media/sc%2001/shot%20%231.mov",
                    "media/sc02%20still.png", "media/line-1.wav", "media/line-2.wav");
        }

        @Test
        void encodingKeepsColonFromLookingLikeScheme() {
            assertThat(FcpxmlWriter.encodePath("c:d/é ü.mov")).isEqualTo(
                    "c%3Ad/%C3%A9%20%C3%BC.mov");
        }

        @Test
        void assetsDescribeTheirMedia() throws Exception {
            Document document = parse(FcpxmlWriter.write(assembled(FrameRate.FPS_24, false)));
            Element video = (Element) document.getElementsByTagName("asset").item(0);
            Element still = (Element) document.getElementsByTagName("asset").item(1);
            Element audio = (Element) document.getElementsByTagName("asset").item(2);
            Element firstFormat = (Element) document.getElementsByTagName("format").item(0);

            assertThat(firstFormat.getAttribute("width")).isEqualTo("1280");
            assertThat(video.getAttribute("hasVideo")).isEqualTo("1");
            assertThat(video.getAttribute("hasAudio")).isEqualTo("1");
            assertThat(video.getAttribute("format")).isEqualTo("r1");
            assertThat(video.getAttribute("duration")).isEqualTo("121/24s");
            assertThat(audio.getAttribute("hasVideo")).isEqualTo("0");
            assertThat(audio.getAttribute("audioChannels")).isEqualTo("1");
            assertThat(still.getAttribute("duration")).isEqualTo("0s");
            assertThat(still.getAttribute("format")).isEqualTo("r2");
            assertThat(document.getElementsByTagName("asset").getLength()).isEqualTo(4);
        }

        @Test
        void stillsUseVideoElements() throws Exception {
            Document document = parse(FcpxmlWriter.write(assembled(FrameRate.FPS_24, false)));
            assertThat(document.getElementsByTagName("video").getLength()).isEqualTo(2);
            Element still = (Element) document.getElementsByTagName("video").item(1);
            assertThat(still.getAttribute("name")).isEqualTo("sc02 still.png");
        }

        @Test
        void markersSitInClipTime() throws Exception {
            Document document = parse(FcpxmlWriter.write(assembled(FrameRate.FPS_24, false)));
            List<String> markers = new ArrayList<>();
            for (int i = 0; i < document.getElementsByTagName("marker").getLength(); i++) {
                Element marker = (Element) document.getElementsByTagName("marker").item(i);
                Element parent = (Element) marker.getParentNode();
                markers.add(parent.getTagName() + " " + marker.getAttribute("start") + " "
                        + marker.getAttribute("value"));
            }
            // Scene 3 is empty and starts at the very end, so its marker takes the last frame.
            assertThat(markers).containsExactly("asset-clip 0s 1 - INT. KITCHEN - DAY",
                    "video 0s 2 - EXT. STREET & PIER",
                    "video 55/24s 3 - EMPTY");
        }

        @Test
        void draftAddsNoteAndSuffix() throws Exception {
            Document document = parse(FcpxmlWriter.write(assembled(FrameRate.FPS_24, true)));
            Element project = (Element) document.getElementsByTagName("project").item(0);
            Element event = (Element) document.getElementsByTagName("event").item(0);
            Element note = children((Element) document.getElementsByTagName("sequence").item(0))
                    .get(0);
            assertThat(project.getAttribute("name")).isEqualTo("Night Market (draft)");
            assertThat(event.getAttribute("name")).isEqualTo("Night Market (draft)");
            assertThat(note.getTagName()).isEqualTo("note");
            assertThat(note.getTextContent()).isEqualTo(FcpxmlWriter.DRAFT_NOTE);
        }

        @Test
        void finalCutNamesHaveNoDraftSuffix() throws Exception {
            Document document = parse(FcpxmlWriter.write(assembled(FrameRate.FPS_24, false)));
            Element project = (Element) document.getElementsByTagName("project").item(0);
            assertThat(project.getAttribute("name")).isEqualTo("Night Market");
            assertThat(document.getElementsByTagName("note").getLength()).isEqualTo(2);
        }
    }
}
