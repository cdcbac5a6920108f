package jilin.ew.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jilin.ew.reference.Reference;
import jilin.ew.schema.Alert;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.Prefecture;
import org.junit.jupiter.api.Test;

/** Every alert reaches the province, its prefecture and its operator, from the routing table in seeds. */
class RoutingTest {
    final Routing routing = Reference.classpath().routing();

    static Alert alert(String prefecture, String operatorId) {
        Alert a = new Alert();
        a.prefecture = prefecture;
        a.operatorId = operatorId;
        return a;
    }

    @Test
    void provincePrefectureAndOperator() {
        assertEquals(List.of("province", "prefecture-220400", "operator-OP-LY-01"),
                routing.routes(alert("220400", "OP-LY-01")));
        assertEquals(List.of("province", "prefecture-220100", "operator-TC-CC-01"),
                routing.routes(alert("220100", "TC-CC-01")));
    }

    @Test
    void unknownPrefectureOrOperatorStillReachesTheProvince() {
        assertEquals(List.of("province"), routing.routes(alert(null, null)));
        assertEquals(List.of("province", "prefecture-220400"), routing.routes(alert("220400", "OP-NOBODY")));
    }

    @Test
    void anEscalationAlsoGoesToItsPolicysRoutes() {
        jilin.ew.schema.Alert a = alert("220400", "OP-LY-01");
        a.escalation = new jilin.ew.schema.Escalation();
        a.escalation.routes.add("province");
        a.escalation.routes.add("prefecture-220100");
        assertEquals(List.of("province", "prefecture-220400", "operator-OP-LY-01", "prefecture-220100"),
                routing.routes(a));
    }

    @Test
    void inhibitedAlertsAreRecordedButNotRouted() {
        Alert a = alert("220400", "OP-LY-01");
        a.inhibited = true;
        assertEquals(List.of(), routing.routes(a));
    }

    @Test
    void everyPrefectureAndEveryMineOperatorHasARoute() {
        List<String> all = routing.allRoutes();
        for (Prefecture p : Reference.classpath().catalog().prefectures()) {
            assertTrue(all.contains("prefecture-" + p.code()), p.code());
        }
        for (Mine m : Reference.classpath().catalog().mines()) {
            assertTrue(routing.routes(alert(m.prefecture(), m.operatorId())).contains("operator-" + m.operatorId()),
                    m.mineId());
        }
        assertEquals("ew.alerts.prefecture-220400", Routing.topic("prefecture-220400"));
    }
}
