package io.falconeye.media.onvif;

import static io.falconeye.media.onvif.OnvifNamespaces.BASE64_BINARY;
import static io.falconeye.media.onvif.OnvifNamespaces.PASSWORD_DIGEST;
import static io.falconeye.media.onvif.OnvifNamespaces.SOAP;
import static io.falconeye.media.onvif.OnvifNamespaces.WSSE;
import static io.falconeye.media.onvif.OnvifNamespaces.WSU;

import io.falconeye.media.onvif.OnvifException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Posts SOAP 1.2 requests built with DOM and turns HTTP and SOAP failures into {@link OnvifException}. */
final class SoapClient {

    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private final HttpClient http;
    private final Duration timeout;

    SoapClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * Calls {@code operation} of the service namespace {@code serviceNs} at {@code endpoint}.
     *
     * @param token WS-Security token, or null for an anonymous call
     * @param body fills the operation element
     * @param camera {@code host:port} for messages
     * @return the operation's response element (e.g. {@code GetProfilesResponse})
     */
    Element call(String endpoint, String serviceNs, String operation, UsernameToken token,
            Consumer<Element> body, String camera) {
        String envelope = serialize(envelope(serviceNs, operation, token, body));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(endpoint))
                    .timeout(timeout)
                    .header("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + serviceNs + "/"
                            + operation + "\"")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new OnvifException(Reason.PROTOCOL, "ONVIF camera at " + camera + " gave an invalid service address "
                    + endpoint);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new OnvifException(Reason.UNREACHABLE, "ONVIF camera at " + camera + " did not answer " + operation
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new OnvifException(Reason.UNREACHABLE, "cannot reach ONVIF camera at " + camera + " ("
                    + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnvifException(Reason.UNREACHABLE, "interrupted while calling ONVIF camera at " + camera, e);
        }
        return responseElement(response, operation, token, camera);
    }

    private Element responseElement(HttpResponse<byte[]> response, String operation, UsernameToken token,
            String camera) {
        Document document = parseOrNull(response.body());
        Element fault = document == null ? null : first(document.getDocumentElement(), null, "Fault");
        int status = response.statusCode();
        if (status == 401 || (fault != null && isAuthFault(fault))) {
            String who = token == null ? "without credentials" : "the credentials of user '" + token.username() + "'";
            String httpAuth = response.headers().firstValue("WWW-Authenticate")
                    .map(h -> "; it asks for HTTP " + h.split(" ")[0] + " authentication")
                    .orElse("");
            throw new OnvifException(Reason.NOT_AUTHORIZED, "ONVIF camera at " + camera + " rejected " + who
                    + " (" + operation + ": not authorized" + httpAuth + "); check the camera's username and password");
        }
        if (fault != null) {
            throw new OnvifException(Reason.PROTOCOL, "ONVIF camera at " + camera + " answered " + operation
                    + " with a SOAP fault: " + describeFault(fault));
        }
        if (status / 100 != 2 || document == null) {
            throw new OnvifException(Reason.PROTOCOL, "ONVIF camera at " + camera + " answered " + operation
                    + " with HTTP " + status + (document == null ? " and no SOAP envelope" : ""));
        }
        Element answer = first(document.getDocumentElement(), null, operation + "Response");
        if (answer == null) {
            throw new OnvifException(Reason.PROTOCOL, "ONVIF camera at " + camera + " answered " + operation
                    + " without a " + operation + "Response");
        }
        return answer;
    }

    private static boolean isAuthFault(Element fault) {
        for (String code : texts(fault, "Value")) {
            String local = code.substring(code.indexOf(':') + 1);
            if (local.equals("NotAuthorized") || local.equals("FailedAuthentication")) {
                return true;
            }
        }
        String soap11Code = texts(fault, "faultcode").stream().findFirst().orElse("");
        return soap11Code.endsWith("NotAuthorized") || soap11Code.endsWith("FailedAuthentication");
    }

    private static String describeFault(Element fault) {
        List<String> codes = texts(fault, "Value");
        codes.addAll(texts(fault, "faultcode"));
        List<String> reasons = texts(fault, "Text");
        reasons.addAll(texts(fault, "faultstring"));
        return String.join("/", codes) + (reasons.isEmpty() ? "" : ": " + reasons.get(0));
    }

    private static Document envelope(String serviceNs, String operation, UsernameToken token,
            Consumer<Element> body) {
        Document doc = newDocumentBuilder().newDocument();
        Element envelope = doc.createElementNS(SOAP, "s:Envelope");
        envelope.setAttributeNS(XMLNS, "xmlns:s", SOAP);
        doc.appendChild(envelope);
        if (token != null) {
            Element header = append(envelope, SOAP, "s:Header");
            Element security = append(header, WSSE, "wsse:Security");
            security.setAttributeNS(XMLNS, "xmlns:wsse", WSSE);
            security.setAttributeNS(XMLNS, "xmlns:wsu", WSU);
            security.setAttributeNS(SOAP, "s:mustUnderstand", "1");
            Element usernameToken = append(security, WSSE, "wsse:UsernameToken");
            append(usernameToken, WSSE, "wsse:Username").setTextContent(token.username());
            Element password = append(usernameToken, WSSE, "wsse:Password");
            password.setAttribute("Type", PASSWORD_DIGEST);
            password.setTextContent(token.passwordDigest());
            Element nonce = append(usernameToken, WSSE, "wsse:Nonce");
            nonce.setAttribute("EncodingType", BASE64_BINARY);
            nonce.setTextContent(token.nonceBase64());
            append(usernameToken, WSU, "wsu:Created").setTextContent(token.created());
        }
        Element soapBody = append(envelope, SOAP, "s:Body");
        Element call = append(soapBody, serviceNs, "op:" + operation);
        call.setAttributeNS(XMLNS, "xmlns:op", serviceNs);
        body.accept(call);
        return doc;
    }

    /** Appends a namespaced child element and returns it. */
    static Element append(Element parent, String namespace, String qualifiedName) {
        Element child = parent.getOwnerDocument().createElementNS(namespace, qualifiedName);
        parent.appendChild(child);
        return child;
    }

    /** First descendant with that local name, in {@code namespace} (null = any namespace). */
    static Element first(Element root, String namespace, String localName) {
        NodeList nodes = root.getElementsByTagNameNS(namespace == null ? "*" : namespace, localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    /** All descendants with that local name and namespace. */
    static List<Element> all(Element root, String namespace, String localName) {
        NodeList nodes = root.getElementsByTagNameNS(namespace, localName);
        List<Element> elements = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** Trimmed text of the first descendant, or null. */
    static String text(Element root, String namespace, String localName) {
        Element element = first(root, namespace, localName);
        return element == null ? null : element.getTextContent().trim();
    }

    private static List<String> texts(Element root, String localName) {
        List<String> texts = new ArrayList<>();
        for (Element element : all(root, "*", localName)) {
            if (element.getChildNodes().getLength() == 1 && element.getFirstChild().getNodeType() == Node.TEXT_NODE) {
                texts.add(element.getTextContent().trim());
            }
        }
        return texts;
    }

    private static Document parseOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            return null;
        }
    }

    static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A camera's answer is untrusted input: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks secure processing", e);
        }
    }

    private static String serialize(Document document) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize a SOAP envelope", e);
        }
    }

    /** The most telling cause: "unknown host", "Connection refused", ... */
    private static String describe(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.UnresolvedAddressException
                    || cause instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
