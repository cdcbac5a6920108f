package jilin.ew.gateway.jt808;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The terminals the platform knows: terminal phone -> vehicle (seeds' jt808-terminals.json, plates from
 * vehicles.json), and their authentication codes. A code is an HMAC of the phone under the gateway's secret, so it
 * survives a gateway restart (terminals keep their code and only authenticate when they reconnect).
 */
public final class TerminalDirectory {
    /** One terminal's registration data. */
    public record Terminal(String phone, String vehicleId, String terminalId, String plate, String fixedAuthCode) {}

    private final Map<String, Terminal> byPhone = new HashMap<>();
    private final Map<String, Terminal> byPlate = new HashMap<>();
    private final byte[] secret;

    private TerminalDirectory(JsonNode terminals, JsonNode vehicles, byte[] secret) {
        Map<String, String> plates = new HashMap<>();
        for (JsonNode v : vehicles) {
            plates.put(v.path("vehicleId").asText(), v.path("plate").asText(null));
        }
        for (JsonNode t : terminals) {
            String phone = Jt808Codec.stripZeros(t.path("phone").asText());
            String vehicle = t.path("vehicleId").asText();
            Terminal term = new Terminal(phone, vehicle, t.path("terminalId").asText(""),
                    t.hasNonNull("plate") ? t.get("plate").asText() : plates.get(vehicle),
                    t.hasNonNull("authCode") ? t.get("authCode").asText() : null);
            if (byPhone.put(phone, term) != null) {
                throw new IllegalArgumentException("terminal phone " + phone + " is listed twice");
            }
            if (term.plate() != null) {
                byPlate.put(normalPlate(term.plate()), term);
            }
        }
        this.secret = secret.clone();
    }

    /** The seeds' terminals (classpath seeds/jt808-terminals.json), or a file in the same shape. */
    public static TerminalDirectory load(Path terminalsFile, byte[] secret) {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode terms;
            if (terminalsFile == null) {
                try (InputStream in = resource("seeds/jt808-terminals.json")) {
                    terms = json.readTree(in);
                }
            } else {
                terms = json.readTree(Files.readString(terminalsFile, StandardCharsets.UTF_8));
            }
            try (InputStream in = resource("seeds/vehicles.json")) {
                return new TerminalDirectory(terms, json.readTree(in), secret);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TerminalDirectory.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath");
        }
        return in;
    }

    /** By phone, leading zeros ignored; null when unknown. */
    public Terminal byPhone(String phone) {
        return byPhone.get(Jt808Codec.stripZeros(phone));
    }

    /** By plate (the seeds write 吉A·10871; terminals send 吉A10871: dots and spaces are ignored); null when unknown. */
    public Terminal byPlate(String plate) {
        return plate == null ? null : byPlate.get(normalPlate(plate));
    }

    public Terminal byVehicle(String vehicleId) {
        return byPhone.values().stream().filter(t -> t.vehicleId().equals(vehicleId)).findFirst().orElse(null);
    }

    public java.util.Collection<Terminal> all() {
        return byPhone.values();
    }

    /**
     * The authentication code the platform hands this terminal on registration: the register's fixed code when it
     * has one (a terminal provisioned by an earlier platform keeps its code), else the HMAC of its phone.
     */
    public String authCode(String phone) {
        Terminal t = byPhone(phone);
        if (t != null && t.fixedAuthCode() != null) {
            return t.fixedAuthCode();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(Jt808Codec.stripZeros(phone).getBytes(StandardCharsets.US_ASCII));
            return Jt808Codec.hex(h, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String normalPlate(String p) {
        return p.replace("·", "").replace(" ", "").replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }
}
