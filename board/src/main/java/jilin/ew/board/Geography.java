package jilin.ew.board;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.schema.Alert;
import jilin.ew.seeds.GasPoint;
import jilin.ew.seeds.GasPoints;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.Prefecture;
import jilin.ew.seeds.SeedCatalog;

/**
 * Where things are on the board, from the seeds: the prefectures, the map division each one is shaded on, and the
 * position of an alert's subject when the alert carries none.
 */
public final class Geography {
    /**
     * 长白山 (229900) is a management committee with no polygon on the prefecture map; it is drawn as a marked point
     * at its seat, 二道白河镇 (the seeds give it no position of its own).
     */
    static final Map<String, double[]> POINT_AREAS = Map.of("229900", new double[] {42.41, 128.11});
    /** Labels for the map where the full name would cover half the province. */
    static final Map<String, String[]> SHORT_NAMES = Map.of("229900", new String[] {"长白山", "Changbai Mt."},
            "222400", new String[] {"延边州", "Yanbian"});

    private final LinkedHashMap<String, Prefecture> prefectures = new LinkedHashMap<>();
    private final Map<String, double[]> mines = new HashMap<>();
    private final Map<String, double[]> gasPoints = new HashMap<>();

    public Geography(SeedCatalog catalog, List<GasPoint> gas) {
        for (Prefecture p : catalog.prefectures()) {
            prefectures.put(p.code(), p);
        }
        for (Mine m : catalog.mines()) {
            mines.put(m.mineId(), new double[] {m.lat(), m.lon()});
        }
        for (GasPoint g : gas) {
            gasPoints.put(g.stationId(), new double[] {g.lat(), g.lon()});
        }
    }

    /** The shipped seeds. */
    public static Geography defaults() {
        return new Geography(SeedCatalog.fromClasspath(), GasPoints.defaults());
    }

    public boolean isPrefecture(String code) {
        return prefectures.containsKey(code);
    }

    public List<Prefecture> prefectures() {
        return new ArrayList<>(prefectures.values());
    }

    /**
     * The map division an area is shaded on: a county-level city listed on its own (公主岭 220184, 梅河口 220581)
     * lies inside its prefecture (first four digits + "00") on the prefecture map; a prefecture is its own division.
     */
    public String division(String code) {
        if (code == null || code.length() != 6) {
            return code;
        }
        String parent = code.substring(0, 4) + "00";
        return prefectures.containsKey(parent) ? parent : code;
    }

    /** The fixed position of an area drawn as a point instead of a polygon, else null. */
    public double[] pointOf(String code) {
        return POINT_AREAS.get(code);
    }

    /** A short Chinese and English label of an area, or null when its name is short enough. */
    public String[] shortName(String code) {
        return SHORT_NAMES.get(code);
    }

    public Map<String, double[]> pointAreas() {
        return POINT_AREAS;
    }

    /** The alert's own position, else its mine's or gas point's from the seeds, else null. */
    public double[] position(Alert a) {
        if (a.lat != null && a.lon != null) {
            return new double[] {a.lat, a.lon};
        }
        if (a.mineId != null && mines.containsKey(a.mineId)) {
            return mines.get(a.mineId);
        }
        if (a.stationId != null && gasPoints.containsKey(a.stationId)) {
            return gasPoints.get(a.stationId);
        }
        if (a.subjectId != null) {
            double[] p = mines.get(a.subjectId);
            return p != null ? p : gasPoints.get(a.subjectId);
        }
        return null;
    }
}
