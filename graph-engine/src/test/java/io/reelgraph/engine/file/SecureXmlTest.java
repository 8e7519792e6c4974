package io.reelgraph.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

class SecureXmlTest {

    @TempDir
    Path folder;

    private String externalEntityDocument() throws Exception {
        Path secret = folder.resolve("secret.txt");
        Files.writeString(secret, "SECRET-CONTENT-42");
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]>\n<doc>&x;</doc>\n";
    }

    @Nested
    class SaxParser {

        @Test
        void doctypeIsRejected() throws Exception {
            String xml = externalEntityDocument();

            assertThatThrownBy(() -> SecureXml.newSaxParser()
                    .parse(new InputSource(new StringReader(xml)), new DefaultHandler()))
                    .isInstanceOfSatisfying(SAXParseException.class, e -> {
                        assertThat(SecureXml.isDoctypeRejection(e)).isTrue();
                        assertThat(e.getLineNumber()).isEqualTo(2);
                        assertThat(e.getMessage()).doesNotContain("SECRET-CONTENT-42");
                    });
        }

        @Test
        void plainDocumentParses() throws Exception {
            SecureXml.newSaxParser().parse(new InputSource(new StringReader(
                    "<?xml version=\"1.0\"?><doc a=\"&amp;\">text</doc>")), new DefaultHandler());
        }
    }

    @Nested
    class DocumentBuilder {

        @Test
        void doctypeIsRejected() throws Exception {
            String xml = externalEntityDocument();

            assertThatThrownBy(() -> SecureXml.newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml))))
                    .isInstanceOfSatisfying(SAXParseException.class,
                            e -> assertThat(SecureXml.isDoctypeRejection(e)).isTrue());
        }

        @Test
        void plainDocumentParses() throws Exception {
            Document document = SecureXml.newDocumentBuilder().parse(new InputSource(
                    new StringReader("<doc>fish &amp; chips</doc>")));

            assertThat(document.getDocumentElement().getTextContent()).isEqualTo("fish & chips");
        }
    }
}
