package io.falconeye.testsupport.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A local ONVIF camera for tests: answers SOAP 1.2 {@code GetSystemDateAndTime},
 * {@code GetCapabilities}, {@code GetServices} (device service at {@code /onvif/device_service})
 * and {@code GetProfiles}, {@code GetStreamUri} (media service) like a camera does, and checks
 * every call but GetSystemDateAndTime for a WS-Security UsernameToken whose PasswordDigest
 * matches the configured password (and whose Created time is within 5 minutes of the camera's
 * clock, nonces not replayed). A bad token gets HTTP 400 with a {@code ter:NotAuthorized}
 * fault, as ONVIF specifies.
 *
 * <pre>{@code
 * try (OnvifTestServer onvif = OnvifTestServer.builder().credentials("admin", "s3cret")
 *         .profile("main", "MainStream", camera.url("/h264")).start()) {
 *     String source = onvif.url(); // onvif://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class OnvifTestServer implements AutoCloseable {

    private static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String DEVICE = "http://www.onvif.org/ver10/device/wsdl";
    private static final String MEDIA = "http://www.onvif.org/ver10/media/wsdl";
    private static final Duration CREATED_TOLERANCE = Duration.ofMinutes(5);

    /** A media profile: token, name and the RTSP URI GetStreamUri returns for it. */
    public record Profile(String token, String name, String streamUri) {}

    private final Builder config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> operations = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> seenNonces = Collections.synchronizedSet(new HashSet<>());
    private volatile int rejected;

    private OnvifTestServer(Builder config) {
        this.config = config;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + config.port, e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "onvif-test-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/onvif/device_service", exchange -> handle(exchange, true));
        server.createContext(config.mediaPath, exchange -> handle(exchange, false));
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code onvif://127.0.0.1:PORT}, the form a Camera's source takes. */
    public String url() {
        return "onvif://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** SOAP operations received, in order (e.g. GetSystemDateAndTime, GetCapabilities, ...). */
    public List<String> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    /** Requests refused for a missing or wrong UsernameToken. */
    public int rejectedRequests() {
        return rejected;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange, boolean deviceService) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, fault("env:Sender", "ter:ActionNotSupported", "ONVIF expects POST"));
                return;
            }
            Document request;
            try {
                request = parse(exchange.getRequestBody().readAllBytes());
            } catch (Exception e) {
                reply(exchange, 400, fault("env:Sender", "ter:WellFormed", "request is not well-formed XML"));
                return;
            }
            Element body = child(request.getDocumentElement(), SOAP, "Body");
            Element call = body == null ? null : firstElementChild(body);
            if (call == null) {
                reply(exchange, 400, fault("env:Sender", "ter:WellFormed", "no SOAP body"));
                return;
            }
            String operation = call.getLocalName();
            operations.add(operation);
            if (operation.equals("GetSystemDateAndTime") && deviceService) {
                reply(exchange, 200, envelope(systemDateAndTime()));
                return;
            }
            if (!authorized(request)) {
                rejected++;
                reply(exchange, 400, fault("env:Sender", "ter:NotAuthorized", "Sender not Authorized"));
                return;
            }
            String answer = deviceService ? deviceAnswer(operation, call) : mediaAnswer(operation, call);
            if (answer == null) {
                reply(exchange, 400, fault("env:Receiver", "ter:ActionNotSupported",
                        "Optional Action Not Implemented"));
                return;
            }
            reply(exchange, 200, envelope(answer));
        }
    }

    private String deviceAnswer(String operation, Element call) {
        if (!DEVICE.equals(call.getNamespaceURI())) {
            return null;
        }
        String mediaXAddr = "http://127.0.0.1:" + port() + config.mediaPath;
        if (operation.equals("GetCapabilities") && config.capabilities) {
            return "<tds:GetCapabilitiesResponse><tds:Capabilities>"
                    + "<tt:Device><tt:XAddr>http://127.0.0.1:" + port() + "/onvif/device_service</tt:XAddr></tt:Device>"
                    + "<tt:Media><tt:XAddr>" + escape(mediaXAddr) + "</tt:XAddr>"
                    + "<tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP>"
                    + "<tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>"
                    + "</tds:Capabilities></tds:GetCapabilitiesResponse>";
        }
        if (operation.equals("GetServices") && config.services) {
            return "<tds:GetServicesResponse>"
                    + service(DEVICE, "http://127.0.0.1:" + port() + "/onvif/device_service")
                    + service(MEDIA, mediaXAddr)
                    + "</tds:GetServicesResponse>";
        }
        return null;
    }

    private String mediaAnswer(String operation, Element call) {
        if (!MEDIA.equals(call.getNamespaceURI())) {
            return null;
        }
        if (operation.equals("GetProfiles")) {
            StringBuilder profiles = new StringBuilder("<trt:GetProfilesResponse>");
            for (Profile profile : config.profiles) {
                profiles.append("<trt:Profiles token=\"").append(escape(profile.token())).append("\" fixed=\"true\">")
                        .append("<tt:Name>").append(escape(profile.name())).append("</tt:Name>")
                        .append("<tt:VideoEncoderConfiguration token=\"enc-").append(escape(profile.token()))
                        .append("\"><tt:Name>encoder</tt:Name><tt:Encoding>H264</tt:Encoding>")
                        .append("</tt:VideoEncoderConfiguration></trt:Profiles>");
            }
            return profiles.append("</trt:GetProfilesResponse>").toString();
        }
        if (operation.equals("GetStreamUri")) {
            String token = text(call, MEDIA, "ProfileToken");
            String protocol = text(call, "http://www.onvif.org/ver10/schema", "Protocol");
            Profile profile = config.profiles.stream().filter(p -> p.token().equals(token)).findFirst().orElse(null);
            if (profile == null || !"RTSP".equals(protocol)) {
                return null;
            }
            return "<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>" + escape(profile.streamUri()) + "</tt:Uri>"
                    + "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false"
                    + "</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>";
        }
        return null;
    }

    /** Checks the UsernameToken exactly as a camera does. */
    private boolean authorized(Document request) {
        Element token = descendant(request.getDocumentElement(), WSSE, "UsernameToken");
        if (token == null) {
            return false;
        }
        String username = text(token, WSSE, "Username");
        Element passwordElement = descendant(token, WSSE, "Password");
        String nonce = text(token, WSSE, "Nonce");
        String created = text(token, WSU, "Created");
        if (username == null || passwordElement == null || nonce == null || created == null
                || !passwordElement.getAttribute("Type").endsWith("#PasswordDigest")) {
            return false;
        }
        Instant createdAt;
        byte[] nonceBytes;
        try {
            createdAt = Instant.parse(created);
            nonceBytes = Base64.getDecoder().decode(nonce);
        } catch (RuntimeException malformed) {
            return false;
        }
        if (Duration.between(cameraNow(), createdAt).abs().compareTo(CREATED_TOLERANCE) > 0) {
            return false;
        }
        String expected = Base64.getEncoder().encodeToString(sha1(nonceBytes, created, config.password));
        return username.equals(config.username)
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        passwordElement.getTextContent().trim().getBytes(StandardCharsets.US_ASCII))
                && seenNonces.add(nonce);
    }

    private Instant cameraNow() {
        return Instant.now().plus(config.clockOffset);
    }

    private String systemDateAndTime() {
        ZonedDateTime now = cameraNow().atZone(ZoneOffset.UTC);
        return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
                + "<tt:DateTimeType>Manual</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>"
                + "<tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone><tt:UTCDateTime>"
                + "<tt:Time><tt:Hour>" + now.getHour() + "</tt:Hour><tt:Minute>" + now.getMinute()
                + "</tt:Minute><tt:Second>" + now.getSecond() + "</tt:Second></tt:Time>"
                + "<tt:Date><tt:Year>" + now.getYear() + "</tt:Year><tt:Month>" + now.getMonthValue()
                + "</tt:Month><tt:Day>" + now.getDayOfMonth() + "</tt:Day></tt:Date>"
                + "</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
    }

    private static String service(String namespace, String xaddr) {
        return "<tds:Service><tds:Namespace>" + namespace + "</tds:Namespace><tds:XAddr>" + escape(xaddr)
                + "</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>";
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<env:Envelope xmlns:env=\"" + SOAP + "\" xmlns:tds=\"" + DEVICE + "\" xmlns:trt=\"" + MEDIA
                + "\" xmlns:tt=\"http://www.onvif.org/ver10/schema\" xmlns:ter=\"http://www.onvif.org/ver10/error\">"
                + "<env:Body>" + body + "</env:Body></env:Envelope>";
    }

    private static String fault(String code, String subcode, String reason) {
        return envelope("<env:Fault><env:Code><env:Value>" + code + "</env:Value><env:Subcode><env:Value>"
                + subcode + "</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">"
                + escape(reason) + "</env:Text></env:Reason></env:Fault>");
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/soap+xml; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Element child(Element parent, String namespace, String localName) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static Element firstElementChild(Element parent) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    private static Element descendant(Element root, String namespace, String localName) {
        NodeList nodes = root.getElementsByTagNameNS(namespace, localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String text(Element root, String namespace, String localName) {
        Element element = descendant(root, namespace, localName);
        return element == null ? null : element.getTextContent().trim();
    }

    private static byte[] sha1(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Configuration of an {@link OnvifTestServer}. */
    public static final class Builder {
        private String username = "admin";
        private String password = "admin";
        private final List<Profile> profiles = new ArrayList<>();
        private boolean capabilities = true;
        private boolean services = true;
        private String mediaPath = "/onvif/media_service";
        private Duration clockOffset = Duration.ZERO;
        private int port;

        private Builder() {}

        /** The only credentials the camera accepts (default admin/admin). */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** Adds a media profile; the first added is the camera's first. */
        public Builder profile(String token, String name, String streamUri) {
            profiles.add(new Profile(token, name, streamUri));
            return this;
        }

        /** Whether GetCapabilities is answered (default true); false makes it an ActionNotSupported fault. */
        public Builder capabilities(boolean answered) {
            this.capabilities = answered;
            return this;
        }

        /** Whether GetServices is answered (default true). */
        public Builder services(boolean answered) {
            this.services = answered;
            return this;
        }

        /** Where the media service lives (default /onvif/media_service; many cameras use /onvif/Media). */
        public Builder mediaPath(String path) {
            this.mediaPath = path;
            return this;
        }

        /** The camera's clock minus the real time, e.g. 2 hours for a camera with a wrong clock. */
        public Builder clockOffset(Duration offset) {
            this.clockOffset = offset;
            return this;
        }

        /** A fixed port (default: a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public OnvifTestServer start() {
            if (profiles.isEmpty()) {
                throw new IllegalStateException("an ONVIF test camera needs at least one profile");
            }
            return new OnvifTestServer(this);
        }
    }
}
