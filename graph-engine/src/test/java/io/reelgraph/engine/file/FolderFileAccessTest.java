package io.reelgraph.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.engine.type.NodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderFileAccessTest {

    @TempDir
    Path root;

    private Path project;
    private Path outside;

    @BeforeEach
    void createFolders() throws IOException {
        project = Files.createDirectories(root.resolve("project"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.createDirectories(project.resolve("scripts"));
        Files.writeString(project.resolve("scripts/night.fountain"), "INT. MARKET - NIGHT");
        Files.writeString(outside.resolve("secret.txt"), "private");
    }

    @Nested
    class Resolving {

        @Test
        void relativeReferenceResolvesInGraphFolder() throws NodeException {
            Path resolved = FolderFileAccess.of(project).resolve("scripts/night.fountain");

            assertThat(resolved).isEqualTo(project.resolve("scripts/night.fountain"));
        }

        @Test
        void dotDotOutOfFolderIsRejected() {
            assertThatThrownBy(() -> FolderFileAccess.of(project).resolve("../outside/secret.txt"))
                    .isInstanceOf(NodeException.class)
                    .hasMessage("File reference \"../outside/secret.txt\" resolves to "
                            + outside.resolve("secret.txt") + ", outside the graph file's folder "
                            + project + ". Move the file into that folder, or allow its folder "
                            + "explicitly if you trust this graph");
        }

        @Test
        void dotDotInsideFolderIsAccepted() throws NodeException {
            Path resolved = FolderFileAccess.of(project).resolve("scripts/../scripts/night.fountain");

            assertThat(resolved).isEqualTo(project.resolve("scripts/night.fountain"));
        }

        @Test
        void absolutePathOutsideIsRejected() {
            String reference = outside.resolve("secret.txt").toString();

            assertThatThrownBy(() -> FolderFileAccess.of(project).resolve(reference))
                    .hasMessageContaining("outside the graph file's folder");
        }

        @Test
        void symbolicLinkPointingOutIsRejected() throws IOException {
            Files.createSymbolicLink(project.resolve("link.txt"), outside.resolve("secret.txt"));

            assertThatThrownBy(() -> FolderFileAccess.of(project).resolve("link.txt"))
                    .hasMessageContaining("resolves to " + outside.toRealPath().resolve("secret.txt"));
        }

        @Test
        void linkedFolderPointingOutIsRejected() throws IOException {
            Files.createSymbolicLink(project.resolve("shared"), outside);

            assertThatThrownBy(() -> FolderFileAccess.of(project).resolve("shared/missing.png"))
                    .hasMessageContaining("outside the graph file's folder");
        }

        @Test
        void allowedExtraFolderIsAccepted() throws NodeException {
            FolderFileAccess files = new FolderFileAccess(project, List.of(outside));

            assertThat(files.resolve("../outside/secret.txt"))
                    .isEqualTo(outside.resolve("secret.txt"));
        }

        @Test
        void refusalNamesAllowedFolders() {
            FolderFileAccess files = new FolderFileAccess(project, List.of(outside));

            assertThatThrownBy(() -> files.resolve("/etc/passwd"))
                    .hasMessageContaining("or the allowed folders [" + outside + "]");
        }

        @Test
        void backslashAndDriveLettersAreMalformed() {
            FolderFileAccess files = FolderFileAccess.of(project);

            assertThatThrownBy(() -> files.resolve("scripts\\night.fountain"))
                    .hasMessageContaining("is malformed; use '/'");
            assertThatThrownBy(() -> files.resolve("C:/x.png"))
                    .hasMessageContaining("is malformed");
            assertThatThrownBy(() -> files.resolve(" "))
                    .hasMessageStartingWith("File reference is empty");
        }
    }

    @Nested
    class Reading {

        @Test
        void readReturnsTheBytes() throws NodeException {
            byte[] bytes = FolderFileAccess.of(project).read("scripts/night.fountain", 100);

            assertThat(new String(bytes)).isEqualTo("INT. MARKET - NIGHT");
        }

        @Test
        void fileOverCapIsRejected() {
            assertThatThrownBy(() -> FolderFileAccess.of(project).read("scripts/night.fountain", 5))
                    .hasMessage("File \"scripts/night.fountain\" is larger than the limit of 5 "
                            + "bytes for this input; use a smaller file");
        }

        @Test
        void fileExactlyAtCapIsRead() throws NodeException {
            assertThat(FolderFileAccess.of(project).read("scripts/night.fountain", 19)).hasSize(19);
        }

        @Test
        void missingFileNamesFolder() {
            assertThatThrownBy(() -> FolderFileAccess.of(project).read("act2.fountain", 100))
                    .hasMessage("File \"act2.fountain\" not found in " + project
                            + "; check the name, which is relative to the graph file's folder");
        }

        @Test
        void readOutsideIsRejected() {
            assertThatThrownBy(() -> FolderFileAccess.of(project).read("../outside/secret.txt", 100))
                    .hasMessageContaining("outside the graph file's folder");
        }
    }
}
