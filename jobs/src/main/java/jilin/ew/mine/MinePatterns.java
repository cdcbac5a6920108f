package jilin.ew.mine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.mine.rule.MineCepRule;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.seeds.SeedCatalog;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The function that turns matches of the mine domain's CEP patterns into detections; each pattern and its wording
 * is its rule's ({@link MineCepRule}).
 */
public final class MinePatterns {
    private MinePatterns() {}

    /** Turns matches into detections; which rule is chosen by the constructor. */
    public static class ToDetection extends PatternProcessFunction<MineSignal, Detection> {
        private static final long serialVersionUID = 1L;
        private final String ruleId;
        private final RuleSet rules;
        private final Reference reference;
        private transient SeedCatalog catalog;
        private transient MineCepRule rule;

        public ToDetection(String ruleId, RuleSet rules, Reference reference) {
            this.ruleId = ruleId;
            this.rules = rules;
            this.reference = reference;
        }

        @Override
        public void open(OpenContext ctx) {
            catalog = reference.catalog();
            rule = MineCepRule.of(ruleId);
        }

        /** The subject of a signal, from the definition the per-sensor function resolved it with. */
        private SensorInfo info(MineSignal m) {
            return MineClassifier.resolve(m, catalog, rules);
        }

        @Override
        public void processMatch(Map<String, List<MineSignal>> match, Context ctx, Collector<Detection> sink) {
            if (!rules.enabled(ruleId)) {
                return;
            }
            List<MineSignal> all = new ArrayList<>();
            match.values().forEach(all::addAll);
            all.sort((x, y) -> Long.compare(x.ts, y.ts));
            MineSignal first = all.get(0);
            MineSignal last = all.get(all.size() - 1);
            MineSignal about = rule.about(first, last);
            SensorInfo s = info(about);
            if (s == null) {
                return; // only a signal restored from an older savepoint, of a sensor the seeds do not know
            }
            List<String> evidence = new ArrayList<>();
            for (MineSignal m : all) {
                evidence.add(m.raw);
            }
            Detection d = rule.detect(all, about, s, rules.rule(ruleId), rules, evidence);
            // the pattern is deploy-time, but the bands it matched came from the rules in force: stamp their version
            if (last.ruleSetVersion != null) {
                d.ruleSetVersion = last.ruleSetVersion;
            }
            if ("CH4".equals(last.sensorKind)) {
                d.reading = last.value; // what keeps the subject's other alerts alive (restore, alarm)
            }
            sink.collect(d);
        }
    }
}
