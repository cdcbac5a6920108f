package jilin.ew.board;

import static jilin.ew.board.TestAlerts.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The board in a real browser (headless Chromium): what a duty officer sees and does. */
class BoardBrowserTest {
    /** The bound: an alert shows within 2 s of being published. */
    static final Duration SHOWS_WITHIN = Duration.ofSeconds(2);
    static final Duration LOAD = Duration.ofSeconds(15);

    private static ChromeDriver driver;
    private BoardServer server;
    private AlertBoard board;
    private Freshness freshness;

    @BeforeAll
    static void browser() throws Exception {
        driver = Browser.startForTests();
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void start() {
        board = new AlertBoard(Geography.defaults());
        freshness = new Freshness();
        BoardServer.Config c = new BoardServer.Config();
        c.port = 0;
        c.source = "test";
        server = new BoardServer(board, freshness, c).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void open() {
        driver.get(server.url());
        driver.executeScript("localStorage.clear()");
        driver.navigate().refresh();
        new WebDriverWait(driver, LOAD).until(d -> js("return window.board && window.board.lastEventId() !== null"));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private WebDriverWait within(Duration d) {
        // the page re-renders the queue as events arrive: an element looked at mid-render is looked up again
        return (WebDriverWait) new WebDriverWait(driver, d, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class);
    }

    private static String attr(WebElement e, String name) {
        String v = e.getAttribute(name);
        return v == null ? "" : v;
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#queue .row"));
    }

    private String divisionLevel(String code) {
        return attr(driver.findElement(By.cssSelector("#divisions li[data-code='" + code + "']")), "data-level");
    }

    @Test
    void aRedAlertInChangchunShadesItAndTopsTheQueueAndClearingItFallsBack() throws Exception {
        board.apply(alert("GAS_LEL_LEVEL1", "G1", "220184", Level.ORANGE, AlertStatus.NEW, 0, 1));
        board.apply(alert("VEH_FATIGUE", "V1", "220200", Level.YELLOW, AlertStatus.NEW, 1, 1));
        open();
        within(SHOWS_WITHIN).until(d -> "ORANGE".equals(divisionLevel("220100"))); // 公主岭 (220184) shades 长春

        board.apply(TestAlerts.withModifier(alert("MINE_CH4_POWER_CUT", "LY001-WF1-T1", "220100", Level.RED,
                AlertStatus.NEW, 2, 1), "DISASTER_MINE", "灾害矿井：煤与瓦斯突出矿井"));
        String redId = Incident.idOf(alert("MINE_CH4_POWER_CUT", "LY001-WF1-T1", "220100", Level.RED,
                AlertStatus.NEW, 2, 1));
        within(SHOWS_WITHIN).until(d -> {
            List<WebElement> r = rows();
            return !r.isEmpty() && redId.equals(attr(r.get(0), "data-id"))
                    && "RED".equals(divisionLevel("220100"));
        });
        WebElement top = rows().get(0);
        assertEquals("RED", attr(top, "data-level"));
        assertTrue(top.getText().contains("红色"), "the level in words beside the colour: " + top.getText());
        assertTrue(driver.findElement(By.cssSelector("#divisions li[data-code='220100']")).getText().contains("红色"));
        assertEquals("1", driver.findElement(By.cssSelector("#counts [data-level=RED] b")).getText());
        screenshot("board-red-changchun.png");

        board.apply(alert("MINE_CH4_POWER_CUT", "LY001-WF1-T1", "220100", Level.RED, AlertStatus.CLEARED, 2, 2));
        within(SHOWS_WITHIN).until(d -> rows().stream().noneMatch(r -> redId.equals(attr(r, "data-id")))
                && "ORANGE".equals(divisionLevel("220100")));
        assertEquals("0", driver.findElement(By.cssSelector("#counts [data-level=RED] b")).getText());
        assertEquals(2, rows().size());
    }

    @Test
    void aDroppedAndReopenedStreamMissesNothingAndDoublesNothing() {
        for (int i = 0; i < 5; i++) {
            board.apply(alert("MINE_CO_ALARM", "A" + i, "220400", Level.BLUE, AlertStatus.NEW, i, 1));
        }
        open();
        within(SHOWS_WITHIN).until(d -> rows().size() == 5);
        js("window.board.disconnect()");
        long before = ((Number) js("return window.board.lastEventId()")).longValue();
        // while the page is cut off: new incidents, an escalation and a clearance
        for (int i = 0; i < 6; i++) {
            board.apply(alert("VEH_CLASS_SPEEDING", "B" + i, "220700", Level.YELLOW, AlertStatus.NEW, 10 + i, 1));
        }
        board.apply(alert("MINE_CO_ALARM", "A0", "220400", Level.ORANGE, AlertStatus.ESCALATED, 0, 2));
        board.apply(alert("MINE_CO_ALARM", "A1", "220400", Level.BLUE, AlertStatus.CLEARED, 1, 2));
        long published = board.lastEventId();
        assertEquals(before, ((Number) js("return window.board.lastEventId()")).longValue(), "the page heard nothing");
        js("window.board.reconnect()");
        within(SHOWS_WITHIN).until(d -> ((Number) js("return window.board.lastEventId()")).longValue() == published
                && rows().size() == 10);
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) js("return window.board.stats");
        assertEquals(1L, ((Number) stats.get("snapshots")).longValue(), "resumed from its id: no second snapshot");
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) stats.get("seen");
        List<Long> ids = new ArrayList<>();
        seen.forEach((id, count) -> {
            assertEquals(1L, ((Number) count).longValue(), "event " + id + " arrived once");
            ids.add(Long.parseLong(id));
        });
        ids.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long id = before + 1; id <= published; id++) {
            expected.add(id);
        }
        assertEquals(expected, ids, "every event published while cut off arrived, in order, once");
        List<String> subjects = new ArrayList<>();
        for (WebElement r : rows()) {
            subjects.add(attr(r, "data-id").split("[:@]")[1]);
        }
        assertEquals(10, subjects.stream().distinct().count(), "one row per incident: " + subjects);
        assertEquals("ORANGE", attr(rows().get(0), "data-level"), "A0's escalation tops the queue");
        assertTrue(subjects.stream().noneMatch("A1"::equals), "A1 was cleared while cut off");
    }

    @Test
    void thePrefectureFilterAndAClickOnADivisionNarrowTheQueue() throws Exception {
        board.apply(alert("MINE_CH4_ALARM", "C1", "220100", Level.YELLOW, AlertStatus.NEW, 0, 1));
        board.apply(alert("GAS_LEL_LEVEL2", "C2", "220184", Level.RED, AlertStatus.NEW, 1, 1));
        board.apply(alert("VEH_FATIGUE", "J1", "220200", Level.BLUE, AlertStatus.NEW, 2, 1));
        board.apply(alert("REPORT_MAJOR_HAZARD", "CB1", "229900", Level.ORANGE, AlertStatus.NEW, 3, 1));
        open();
        within(SHOWS_WITHIN).until(d -> rows().size() == 4);
        new Select(driver.findElement(By.id("f-prefecture"))).selectByValue("220100");
        within(SHOWS_WITHIN).until(d -> rows().size() == 2);
        for (WebElement r : rows()) {
            assertTrue(List.of("220100", "220184").contains(attr(r, "data-prefecture")));
        }
        assertEquals("1", driver.findElement(By.cssSelector("#counts [data-level=RED] b")).getText());
        assertEquals("0", driver.findElement(By.cssSelector("#counts [data-level=BLUE] b")).getText());
        // 长白山 has no polygon: it is a marked point, and listed with its level
        assertEquals("ORANGE", divisionLevel("229900"));
        driver.findElement(By.cssSelector("#divisions li[data-code='220200']")).click();
        within(SHOWS_WITHIN).until(d -> rows().size() == 1 && "220200".equals(attr(rows().get(0), "data-prefecture")));
        assertEquals("220200", new Select(driver.findElement(By.id("f-prefecture"))).getFirstSelectedOption()
                .getAttribute("value"));
        screenshot("board-filtered-220200.png");
        // a click on the map itself: inside 白城's polygon, south of its label
        new Select(driver.findElement(By.id("f-prefecture"))).selectByValue("");
        within(SHOWS_WITHIN).until(d -> rows().size() == 4);
        @SuppressWarnings("unchecked")
        List<Number> px = (List<Number>) js("var c = echarts.getInstanceByDom(document.getElementById('map'));"
                + "return c.convertToPixel('geo', [122.9, 45.1]);");
        WebElement map = driver.findElement(By.id("map"));
        new org.openqa.selenium.interactions.Actions(driver)
                .moveToElement(map, px.get(0).intValue() - map.getSize().width / 2,
                        px.get(1).intValue() - map.getSize().height / 2).click().perform();
        within(SHOWS_WITHIN).until(d -> "220800".equals(new Select(driver.findElement(By.id("f-prefecture")))
                .getFirstSelectedOption().getAttribute("value")));
        assertEquals(0, rows().size());
        assertTrue(driver.findElement(By.id("queue-note")).getText().contains("没有"));
    }

    @Test
    void enterOnAFocusedRowOpensTheDetailWithEvidenceModifiersAndHistory() {
        board.apply(alert("MINE_CH4_ALARM", "LY001-WF1-T1", "220400", Level.YELLOW, AlertStatus.NEW, 0, 1));
        board.apply(TestAlerts.withModifier(alert("MINE_CH4_ALARM", "LY001-WF1-T1", "220400", Level.ORANGE,
                AlertStatus.ESCALATED, 0, 2), "KEY_PERIOD", "全国两会期间"));
        board.apply(alert("VEH_FATIGUE", "V9", "220200", Level.BLUE, AlertStatus.NEW, 1, 1));
        open();
        within(SHOWS_WITHIN).until(d -> rows().size() == 2);
        assertEquals("0", attr(rows().get(0), "tabindex"), "rows are in the tab order");
        js("document.querySelector('#queue .row').focus()");
        String first = attr(rows().get(0), "data-id");
        String second = attr(rows().get(1), "data-id");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertEquals(second, attr(driver.switchTo().activeElement(), "data-id"));
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_UP);
        assertEquals(first, attr(driver.switchTo().activeElement(), "data-id"));
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        WebElement detail = driver.findElement(By.id("detail"));
        within(LOAD).until(ExpectedConditions.visibilityOf(detail));
        within(SHOWS_WITHIN).until(d -> !driver.findElements(By.cssSelector("#d-evidence tr.reading")).isEmpty());
        String evidence = driver.findElement(By.id("d-evidence")).getText();
        assertTrue(evidence.contains("sensorId=LY001-WF1-T1") && evidence.contains("value=1.62"), evidence);
        assertTrue(driver.findElement(By.id("d-modifiers")).getText().contains("KEY_PERIOD: 全国两会期间"));
        List<WebElement> history = driver.findElements(By.cssSelector("#d-history li"));
        assertEquals(List.of("NEW", "ESCALATED"), history.stream().map(e -> attr(e, "data-status")).toList());
        assertTrue(driver.findElement(By.id("d-title")).getText().contains("橙色"));
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        within(SHOWS_WITHIN).until(ExpectedConditions.invisibilityOf(detail));
    }

    @Test
    void theLanguageToggleSwitchesToEnglishAndBack() {
        board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.RED, AlertStatus.NEW, 0, 1));
        open();
        within(SHOWS_WITHIN).until(d -> rows().size() == 1);
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains("指挥大屏"));
        driver.findElement(By.id("lang-toggle")).click();
        within(SHOWS_WITHIN).until(d -> driver.findElement(By.tagName("h1")).getText().contains("command center"));
        assertTrue(rows().get(0).getText().contains("Red"), rows().get(0).getText());
        assertTrue(driver.findElement(By.cssSelector("#divisions li[data-code='220100']")).getText()
                .contains("Changchun"));
        assertEquals("en", js("return document.documentElement.lang"));
        driver.findElement(By.id("lang-toggle")).click();
        within(SHOWS_WITHIN).until(d -> driver.findElement(By.tagName("h1")).getText().contains("指挥大屏"));
        assertTrue(rows().get(0).getText().contains("红色"));
    }

    @Test
    void aStaleBoardLooksStale() throws Exception {
        open();
        within(LOAD).until(d -> "false".equals(attr(driver.findElement(By.id("freshness")), "data-stale")));
        // the watermark ten minutes behind the newest event: past the 5-minute bound
        freshness.messageIn(TestAlerts.T0 + 600_000);
        freshness.watermark(TestAlerts.T0);
        WebElement strip = driver.findElement(By.id("freshness"));
        within(LOAD).until(d -> "true".equals(attr(strip, "data-stale")));
        assertTrue(attr(strip, "class").contains("stale"));
        assertTrue(strip.getText().contains("数据陈旧"), strip.getText());
        assertTrue(strip.getText().contains("10 min"), strip.getText());
        screenshot("board-stale.png");
    }

    @Test
    void aBusyBoardForTheScreenshot() throws Exception {
        String[][] subjects = {
            {"MINE_CH4_POWER_CUT", "LY001-WF1-T1", "220400", "RED"}, {"MINE_CO_ALARM", "TH002-WF2-CO1", "220500", "ORANGE"},
            {"GAS_LEAK_SUSPECTED", "CC-RS-014", "220100", "ORANGE"}, {"GAS_LEL_LEVEL1", "JL-RS-003", "220200", "YELLOW"},
            {"VEH_DOWNHILL_RUNAWAY", "吉H12345", "222400", "RED"}, {"VEH_FATIGUE", "吉C54321", "220300", "BLUE"},
            {"VEH_NIGHT_BAN", "吉G11111", "220800", "YELLOW"}, {"REPORT_MAJOR_HAZARD", "CBS-R-1", "229900", "ORANGE"},
            {"MINE_SENSOR_SILENT", "BS003-WF1-T2", "220600", "BLUE"}, {"GAS_PRESSURE_ABNORMAL", "GZL-RS-2", "220184", "YELLOW"},
            {"VEH_SECTION_SPEEDING", "吉J22222", "220700", "YELLOW"}};
        int i = 0;
        for (String[] s : subjects) {
            board.apply(alert(s[0], s[1], s[2], Level.valueOf(s[3]), AlertStatus.NEW, i++, 1));
        }
        freshness.messageIn(TestAlerts.T0 + 600_000);
        freshness.watermark(TestAlerts.T0 + 570_000);
        open();
        within(SHOWS_WITHIN).until(d -> rows().size() == subjects.length);
        rows().get(0).click();
        within(LOAD).until(d -> !driver.findElements(By.cssSelector("#d-evidence tr.reading")).isEmpty());
        screenshot("board.png");
        Path map = driver.findElement(By.id("map")).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(map, Path.of("target", "board-map.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void screenshot(String name) throws Exception {
        Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
