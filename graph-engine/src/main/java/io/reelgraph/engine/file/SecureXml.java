package io.reelgraph.engine.file;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one place where Reelgraph creates XML parsers. Every XML file the project reads, such as
 * a Final Draft screenplay, may come from someone else, so each parser rejects a DOCTYPE
 * declaration outright. That one rule stops external entities (XXE), external DTDs and entity
 * expansion bombs such as billion laughs before anything is read or expanded. External entity
 * and DTD loading are also switched off, XInclude is off, secure processing is on and the
 * entity expansion limit is small, so the parser stays safe even if a later change lifts the
 * DOCTYPE rule.
 */
public final class SecureXml {

    /** The maximum entity expansions per document; only five entities exist without a DOCTYPE. */
    public static final int ENTITY_EXPANSION_LIMIT = 64;

    private static final String DISALLOW_DOCTYPE =
            "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES =
            "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES =
            "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD =
            "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String ENTITY_EXPANSION_LIMIT_PROPERTY =
            "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit";

    private SecureXml() {
    }

    /**
     * Creates a namespace-aware SAX parser with the protections above.
     *
     * @throws IllegalStateException when the XML implementation on the class path does not
     *     support one of the protections; Reelgraph then reads no XML rather than read it unsafely
     */
    public static SAXParser newSaxParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);

            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.setProperty(ENTITY_EXPANSION_LIMIT_PROPERTY,
                    String.valueOf(ENTITY_EXPANSION_LIMIT));
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw unsupported(e);
        }
    }

    /**
     * Creates a namespace-aware DOM parser with the protections above.
     *
     * @throws IllegalStateException when the XML implementation on the class path does not
     *     support one of the protections
     */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute(ENTITY_EXPANSION_LIMIT_PROPERTY,
                    String.valueOf(ENTITY_EXPANSION_LIMIT));
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default resolver fetches any external entity, so this one rejects them all.
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entity " + systemId
                        + " rejected: untrusted XML may not load other files");
            });
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw unsupported(e);
        }
    }

    /**
     * Returns whether a parse failed because the document declares a DOCTYPE. The JDK parser
     * has no error code for it, so this tests for the word DOCTYPE in the message.
     */
    public static boolean isDoctypeRejection(SAXParseException e) {
        String message = e.getMessage();
        return message != null && message.contains("DOCTYPE");
    }

    private static IllegalStateException unsupported(Exception e) {
        return new IllegalStateException("The XML parser on the class path does not support the"
                + " protections Reelgraph needs for untrusted files (" + e.getMessage() + "); run"
                + " Reelgraph on a JDK with its built-in XML parser", e);
    }
}
