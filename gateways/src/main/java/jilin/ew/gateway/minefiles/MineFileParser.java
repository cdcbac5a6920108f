package jilin.ew.gateway.minefiles;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import jilin.ew.gateway.Contract;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.EventType;

/**
 * Reads one monitoring file by its mapping into wire-contract messages. A file that does not follow its layout
 * (header, field counts, numbers, times, codes, an unterminated last record) is refused whole: a half-read upload
 * must not pass as a complete one. A record that reads fine but breaks the contract becomes a dead letter.
 */
public final class MineFileParser {
    /** What kind of file a name is, by the mapping's patterns. */
    public enum Kind { DEFINITIONS, VALUES }

    /** One output of a file: a message (type, key, json) or a dead letter. */
    public record Item(EventType type, String key, String json, DeadLetter deadLetter) {}

    /** Records of sensor types the contract does not carry (switches, pressure...) are skipped and counted. */
    public record Parsed(Kind kind, String mineId, long fileTime, List<Item> items, int skipped) {}

    private final MineFileMapping m;

    public MineFileParser(MineFileMapping mapping) {
        this.m = mapping;
    }

    public Kind kindOf(String fileName) {
        if (m.definitionFiles.matcher(fileName).matches()) {
            return Kind.DEFINITIONS;
        }
        if (m.valueFiles.matcher(fileName).matches()) {
            return Kind.VALUES;
        }
        return null;
    }

    public Parsed parse(String fileName, byte[] content) throws MalformedFileException {
        Kind kind = kindOf(fileName);
        if (kind == null) {
            throw new MalformedFileException("the name matches neither definition nor value files of layout "
                    + m.layout);
        }
        String text;
        try {
            text = m.encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFileException("not " + m.encoding + " text: " + e.getMessage());
        }
        int last = text.lastIndexOf(m.recordEnd);
        if (last < 0 || !text.substring(last + m.recordEnd.length()).isBlank()) {
            throw new MalformedFileException("the last record is not ended by '" + m.recordEnd
                    + "' (a truncated upload?)");
        }
        String[] records = text.substring(0, last).split(java.util.regex.Pattern.quote(m.recordEnd), -1);
        String[] h = fields(records[0], m.header.count(), "header", 1);
        String code = h[m.header.of("mineCode")];
        String mineId = m.mines.isEmpty() ? code : m.mines.get(code);
        if (mineId == null) {
            throw new MalformedFileException("mine code '" + code + "' is not in the mapping's mines");
        }
        long fileTime = time(h[m.header.of("time")], "header", 1);
        List<Item> items = new ArrayList<>();
        int skipped = 0;
        for (int i = 1; i < records.length; i++) {
            String rec = records[i].strip();
            if (rec.isEmpty()) {
                continue;
            }
            Item item = kind == Kind.DEFINITIONS ? definition(rec, mineId, fileTime, i + 1)
                    : value(rec, mineId, fileTime, i + 1);
            if (item == null) {
                skipped++;
            } else {
                items.add(item);
            }
        }
        return new Parsed(kind, mineId, fileTime, items, skipped);
    }

    private Item definition(String rec, String mineId, long fileTime, int no) throws MalformedFileException {
        MineFileMapping.Fields d = m.definition;
        String[] f = fields(rec, d.count(), "record", no);
        String kind = m.types.get(f[d.of("type")]);
        if (kind == null) {
            return null;
        }
        String sensorId = sensorId(mineId, f[d.of("point")]);
        String location = m.locations.getOrDefault(f[d.of("location")], "OTHER");
        String district = opt(f, d.of("district"));
        String json = Contract.mineSensor(fileTime, mineId, sensorId, kind, location, district,
                number(f, d.of("alarm"), no), number(f, d.of("powerCut"), no), number(f, d.of("restore"), no));
        return checked(EventType.MINE_SENSOR, sensorId, json, rec);
    }

    private Item value(String rec, String mineId, long fileTime, int no) throws MalformedFileException {
        MineFileMapping.Fields v = m.value;
        String[] f = fields(rec, v.count(), "record", no);
        if (m.types.get(f[v.of("type")]) == null) {
            return null;
        }
        String sensorId = sensorId(mineId, f[v.of("point")]);
        Double value = number(f, v.of("value"), no);
        if (value == null) {
            throw new MalformedFileException("record " + no + " has no value");
        }
        String status = "OK";
        String code = opt(f, v.of("status"));
        if (code != null) {
            status = m.statuses.get(code);
            if (status == null) {
                throw new MalformedFileException("record " + no + ": status code '" + code
                        + "' is not in the mapping's statuses");
            }
        }
        String t = opt(f, v.of("time"));
        long ts = t == null ? fileTime : time(t, "record", no);
        return checked(EventType.MINE_READING, sensorId, Contract.mineReading(ts, sensorId, value, status), rec);
    }

    private static Item checked(EventType type, String key, String json, String rec) {
        DeadLetter refused = Contract.check(json, rec);
        return refused == null ? new Item(type, key, json, null) : new Item(type, key, null, refused);
    }

    private String sensorId(String mineId, String point) {
        return m.sensorIdTemplate.replace("{mine}", mineId).replace("{point}", point);
    }

    private String[] fields(String rec, int count, String what, int no) throws MalformedFileException {
        String[] f = rec.strip().split(java.util.regex.Pattern.quote(m.fieldSeparator), -1);
        if (f.length < count) {
            throw new MalformedFileException(what + " " + no + " has " + f.length + " fields; layout " + m.layout
                    + " needs " + count + ": '" + rec.strip() + "'");
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        return f;
    }

    private static String opt(String[] f, int at) {
        return at < 0 || f[at].isEmpty() ? null : f[at];
    }

    private static Double number(String[] f, int at, int no) throws MalformedFileException {
        String s = opt(f, at);
        if (s == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new MalformedFileException("record " + no + ": '" + s + "' is not a number");
        }
    }

    private long time(String s, String what, int no) throws MalformedFileException {
        try {
            return LocalDateTime.parse(s, m.timeFormat).toInstant(m.offset).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new MalformedFileException(what + " " + no + ": '" + s + "' is not a time in the layout's format");
        }
    }
}
