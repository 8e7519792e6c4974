package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.engine.file.GraphFile;
import io.reelgraph.engine.file.GraphFileException;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the editor's file helpers that need no display. */
class EditorFilesUnitTest {

    private static final String KEY = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4";
    private static final Path SAMPLE_GRAPH = EditorFixture.SAMPLE.resolve("night-market.reelgraph");

    @TempDir
    Path temp;

    @Nested
    class Recent {

        @Test
        void newestFirstAndPersisted() throws IOException {
            Path store = temp.resolve("home/recent-files.txt");
            Path first = Files.createFile(temp.resolve("a.reelgraph"));
            Path second = Files.createFile(temp.resolve("b.reelgraph"));

            RecentFiles recent = RecentFiles.load(store);
            recent.add(first);
            recent.add(second);
            recent.add(first);

            assertThat(recent.files()).containsExactly(first, second);
            assertThat(RecentFiles.load(store).files()).containsExactly(first, second);
        }

        @Test
        void keepsTenNewest() {
            RecentFiles recent = RecentFiles.load(temp.resolve("recent-files.txt"));

            IntStream.range(0, 12).forEach(i -> recent.add(temp.resolve(i + ".reelgraph")));

            assertThat(recent.files()).hasSize(RecentFiles.MAX_FILES);
            assertThat(recent.files().get(0)).isEqualTo(temp.resolve("11.reelgraph"));
            assertThat(recent.files()).doesNotContain(temp.resolve("1.reelgraph"));
        }

        @Test
        void removeMissingDropsDeletedFiles() throws IOException {
            Path store = temp.resolve("recent-files.txt");
            Path kept = Files.createFile(temp.resolve("kept.reelgraph"));
            Path gone = Files.createFile(temp.resolve("gone.reelgraph"));
            RecentFiles recent = RecentFiles.load(store);
            recent.add(kept);
            recent.add(gone);
            Files.delete(gone);

            List<Path> removed = recent.removeMissing();

            assertThat(removed).containsExactly(gone);
            assertThat(recent.files()).containsExactly(kept);
            assertThat(RecentFiles.load(store).files()).containsExactly(kept);
        }
    }

    @Nested
    class Recovery {

        @Test
        void fileNamesDifferByFolder() {
            Path folder = temp.resolve("recovery");

            Path one = Autosave.recoveryFile(folder, Optional.of(temp.resolve("a/film.reelgraph")));
            Path two = Autosave.recoveryFile(folder, Optional.of(temp.resolve("b/film.reelgraph")));

            assertThat(one.getFileName().toString()).startsWith("film-").endsWith(".reelgraph");
            assertThat(one).isNotEqualTo(two);
            assertThat(Autosave.recoveryFile(folder, Optional.empty()))
                    .isEqualTo(folder.resolve("untitled.reelgraph"));
        }

        @Test
        void offeredOnlyWhenNewerThanGraphFile() throws IOException {
            Path folder = temp.resolve("recovery");
            Path graph = Files.writeString(temp.resolve("film.reelgraph"), "{}");
            Path recovery = Autosave.recoveryFile(folder, Optional.of(graph));
            Files.createDirectories(folder);
            Files.writeString(recovery, "{}");
            Instant now = Instant.parse("2026-01-02T10:00:00Z");
            Files.setLastModifiedTime(graph, FileTime.from(now));

            Files.setLastModifiedTime(recovery, FileTime.from(now.minusSeconds(60)));
            Optional<Autosave.Recovery> older = Autosave.find(folder, Optional.of(graph));
            Files.setLastModifiedTime(recovery, FileTime.from(now.plusSeconds(60)));
            Optional<Autosave.Recovery> newer = Autosave.find(folder, Optional.of(graph));

            assertThat(older).isEmpty();
            assertThat(newer).contains(new Autosave.Recovery(recovery, now.plusSeconds(60),
                    Optional.of(now)));
        }

        @Test
        void untitledRecoveryIsAlwaysOffered() throws IOException {
            Path folder = Files.createDirectories(temp.resolve("recovery"));
            Files.writeString(folder.resolve("untitled.reelgraph"), "{}");

            assertThat(Autosave.find(folder, Optional.empty())).isPresent();
        }

        @Test
        void dialogNamesBothTimes() {
            Autosave.Recovery recovery = new Autosave.Recovery(temp.resolve("r.reelgraph"),
                    Instant.parse("2026-01-02T10:01:00Z"),
                    Optional.of(Instant.parse("2026-01-02T10:00:00Z")));

            String message = RecoveryDialog.message(recovery);

            assertThat(message).contains("Autosave kept them ")
                    .contains("The graph file was last saved ");
        }
    }

    @Nested
    class Transfer {

        @Test
        void copyKeepsOnlyInnerConnections() throws Exception {
            Graph sample = GraphFile.read(SAMPLE_GRAPH);

            String text = GraphTransfer.copy(sample,
                    Set.of(NodeId.of("shot-prompt"), NodeId.of("keyframe")), "test");
            Graph fragment = GraphTransfer.parse(text);

            assertThat(fragment.nodes()).extracting(node -> node.id().value())
                    .containsExactly("keyframe", "shot-prompt");
            assertThat(fragment.connections()).containsExactly(
                    Connection.of("shot-prompt", "prompt", "keyframe", "prompt"));
        }

        @Test
        void pasteAssignsFreshIdsAndKeepsConnections() throws Exception {
            Graph sample = GraphFile.read(SAMPLE_GRAPH);
            Graph fragment = GraphTransfer.parse(GraphTransfer.copy(sample,
                    Set.of(NodeId.of("shot-prompt"), NodeId.of("keyframe")), "test"));

            GraphTransfer.Pasted pasted = GraphTransfer.paste(sample, fragment);

            assertThat(pasted.added()).containsExactly(NodeId.of("keyframe-1"),
                    NodeId.of("shot-prompt-1"));
            assertThat(pasted.graph().nodeCount()).isEqualTo(sample.nodeCount() + 2);
            assertThat(pasted.graph().connections()).contains(
                    Connection.of("shot-prompt-1", "prompt", "keyframe-1", "prompt"));
            assertThat(pasted.graph().requireNode(NodeId.of("keyframe-1")).params())
                    .isEqualTo(sample.requireNode(NodeId.of("keyframe")).params());
            int x = sample.requireNode(NodeId.of("keyframe")).layout().path("x").asInt();
            assertThat(pasted.graph().requireNode(NodeId.of("keyframe-1")).layout().path("x")
                    .asInt()).isEqualTo(x + GraphTransfer.PASTE_OFFSET);
        }

        @Test
        void pasteCountsOnFromNumberedIds() throws Exception {
            Graph sample = GraphFile.read(SAMPLE_GRAPH);
            Graph once = GraphTransfer.paste(sample, GraphTransfer.parse(GraphTransfer.copy(
                    sample, Set.of(NodeId.of("keyframe")), "test"))).graph();

            GraphTransfer.Pasted twice = GraphTransfer.paste(once, GraphTransfer.parse(
                    GraphTransfer.copy(once, Set.of(NodeId.of("keyframe-1")), "test")));

            assertThat(twice.added()).containsExactly(NodeId.of("keyframe-2"));
        }

        @Test
        void copyRejectsKeyNamingNodeAndParam() throws Exception {
            Graph sample = GraphFile.read(SAMPLE_GRAPH).withParam(NodeId.of("shot-prompt"),
                    "styleText", TextNode.valueOf("moody " + KEY));

            assertThatThrownBy(() -> GraphTransfer.copy(sample, Set.of(NodeId.of("shot-prompt")),
                    "test"))
                    .isInstanceOf(GraphTransfer.SecretInParamException.class)
                    .hasMessage("Not copied: node shot-prompt, param styleText contains what"
                            + " looks like an API key (sk-proj-…M3n4). Remove the key from the"
                            + " param; keys belong in the key vault, never in a graph or on the"
                            + " clipboard.");
        }

        @Test
        void copyRejectsKeyOutsideParams() throws Exception {
            Graph base = GraphFile.read(SAMPLE_GRAPH);
            var layout = base.requireNode(NodeId.of("keyframe")).layout();
            layout.put("note", KEY);
            Graph sample = base.withLayout(NodeId.of("keyframe"), layout);

            assertThatThrownBy(() -> GraphTransfer.copy(sample, Set.of(NodeId.of("keyframe")),
                    "test"))
                    .isInstanceOf(GraphFileException.class)
                    .hasMessageContaining("node keyframe, field layout.note");
        }
    }

    @Nested
    class Theme {

        @Test
        void gnomeColorScheme() {
            assertThat(SystemTheme.gnomeColorSchemeDark("'prefer-dark'\n")).contains(true);
            assertThat(SystemTheme.gnomeColorSchemeDark("'default'\n")).contains(false);
            assertThat(SystemTheme.gnomeColorSchemeDark("'prefer-light'")).contains(false);
            assertThat(SystemTheme.gnomeColorSchemeDark("No such key")).isEmpty();
        }

        @Test
        void macOsAndWindowsOutput() {
            assertThat(SystemTheme.macOsDark("Dark\n")).isTrue();
            assertThat(SystemTheme.macOsDark("")).isFalse();
            String windows = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\"
                    + "CurrentVersion\\Themes\\Personalize\r\n"
                    + "    AppsUseLightTheme    REG_DWORD    0x0\r\n";
            assertThat(SystemTheme.windowsDark(windows)).contains(true);
            assertThat(SystemTheme.windowsDark(windows.replace("0x0", "0x1"))).contains(false);
            assertThat(SystemTheme.windowsDark("ERROR: not found")).isEmpty();
        }

        @Test
        void choiceIsSavedAndLoaded() throws IOException {
            Path home = temp.resolve("home");
            Files.createDirectories(home);
            Files.writeString(home.resolve(ThemeChoice.FILE_NAME), "other=kept\n");

            ThemeChoice missing = ThemeChoice.load(home.resolve("nowhere"));
            ThemeChoice.DARK.save(home);

            assertThat(missing).isEqualTo(ThemeChoice.SYSTEM);
            assertThat(ThemeChoice.load(home)).isEqualTo(ThemeChoice.DARK);
            assertThat(Files.readString(home.resolve(ThemeChoice.FILE_NAME)))
                    .contains("other=kept").contains("theme=dark");
        }

        @Test
        void unknownChoiceFollowsSystem() throws IOException {
            Files.writeString(temp.resolve(ThemeChoice.FILE_NAME), "theme=purple\n");

            assertThat(ThemeChoice.load(temp)).isEqualTo(ThemeChoice.SYSTEM);
        }
    }
}
