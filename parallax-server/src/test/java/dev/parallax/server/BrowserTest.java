package dev.parallax.server;

import static dev.parallax.server.Running.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium: what a person sees going from the feed to a story to an article, and that
 * hostile article text stays inert. Screenshots land in target/screenshots/, or in the directory the system property
 * {@code parallax.screenshots} names (the README's command refreshes docs/screenshots/ so; a plain test run leaves
 * the committed images alone). Needs {@code chromium} and
 * {@code chromium-driver} (.ci/run installs them); without them the test is skipped, except under CI=true, where
 * it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("parallax.screenshots", "target/screenshots"))
            .toAbsolutePath();

    Running app;
    ChromeDriver browser;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does so as root)");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed: browser tests skipped");
        app = Running.withToken(dir.resolve("data"));
        app.ingestSeedsAndTriplet();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createDirectory(dir.resolve("chromium-profile")),
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void feedToStoryToArticleShowsTheCoverageSideBySide() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(app.uri("/").toString());
        assertThat(browser.getTitle()).isEqualTo("Stories · Parallax");
        WebElement seedCard = card("China rejected a US proposal for a meeting in Singapore");
        assertThat(seedCard.getText()).contains("2 articles · 1 outlet · 2 independent accounts", "2023-05-30");
        assertThat(card("Richard Blumenthal").getText()).contains("3 articles", "3 outlets", "nyt", "fox", "hpo");
        assertThat(card("Richard Blumenthal").findElements(By.cssSelector(".who a.entity")))
                .extracting(WebElement::getText).anySatisfy(e -> assertThat(e).endsWith("Richard Blumenthal"));
        screenshot("feed");

        seedCard.findElement(By.cssSelector("h2 a")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("China rejected a US proposal");
        List<WebElement> columns = browser.findElements(By.cssSelector(".coverage .column"));
        assertThat(columns).hasSize(2);
        assertThat(columns.get(1).getText()).contains("Shangri-La Dialogue Security Forum in Singapore");
        assertThat(browser.findElement(By.cssSelector(".lineage")).getText())
                .isEqualTo("2 articles: 2 independent accounts");
        // The brief: a cited summary first, then the claim matrix, then who said what.
        List<WebElement> summary = browser.findElements(By.cssSelector(".summary .cited li"));
        assertThat(summary).isNotEmpty()
                .allSatisfy(li -> assertThat(li.findElements(By.cssSelector("a.cite"))).isNotEmpty());
        assertThat(browser.findElement(By.cssSelector(".claims .legend")).getText())
                .contains("Consensus: every independent voice", "Partial", "Unique: one voice only");
        List<WebElement> consensus = browser.findElements(By.cssSelector(".claim-matrix tbody tr.consensus"));
        assertThat(consensus).isNotEmpty()
                .allSatisfy(r -> assertThat(r.findElements(By.cssSelector("td.consensus"))).hasSize(2));
        // Claims one voice alone makes are folded away under a count.
        WebElement unique = browser.findElement(By.cssSelector(".unique-claims"));
        assertThat(unique.getAttribute("open")).isNull();
        assertThat(unique.findElement(By.tagName("summary")).getText()).matches("\\d+ claims only one voice makes");
        WebElement ryderRow = browser.findElements(By.cssSelector(".quote-grid tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().startsWith("Patrick Ryder")).findFirst()
                .orElseThrow();
        assertThat(ryderRow.findElements(By.cssSelector(".flag"))).extracting(WebElement::getText)
                .contains("DIFFERENT STATEMENTS");
        // The articles side by side, each sentence marked by the claim it states.
        List<WebElement> stated = columns.get(0).findElements(By.cssSelector(".s.consensus"));
        assertThat(stated).isNotEmpty().allSatisfy(s -> assertThat(s.getAttribute("title"))
                .matches("Claim \\d+, consensus: .+"));
        assertThat(columns.get(0).findElements(By.cssSelector(".s.unique"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector(".cleaning")).getText())
                .contains("Photo via AP/Andrew Harnik");
        // Who the story names, and in which outlet's article: Li Shangfu is in both.
        WebElement li = entityRow("Li Shangfu");
        assertThat(li.findElements(By.cssSelector("td:not(.absent)"))).hasSize(2);
        assertThat(li.findElement(By.cssSelector("a.entity.person")).getText()).containsIgnoringCase("Person");
        // The dates the articles name, on a chart and in a list that cites the words.
        assertThat(browser.findElements(By.cssSelector(".timeline svg .point"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector(".timeline .dates")).getText()).contains("2023");
        screenshot("story");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        assertThat(browser.findElement(By.tagName("h1")).isDisplayed()).isTrue();
        // One column on a phone: the second article sits below the first, not beside it.
        List<WebElement> narrow = browser.findElements(By.cssSelector(".coverage .column"));
        assertThat(narrow.get(1).getLocation().getY()).isGreaterThan(narrow.get(0).getLocation().getY());
        assertThat(narrow.get(1).getLocation().getX()).isEqualTo(narrow.get(0).getLocation().getX());
        noHorizontalScroll();
        screenshot("story-phone");

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.navigate().refresh();
        entityRow("Ryder").findElement(By.cssSelector("a.entity")).click();
        assertThat(browser.getCurrentUrl()).contains("/entities/person-");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Ryder");
        assertThat(browser.findElement(By.cssSelector(".kicker")).getText()).isEqualTo("PERSON");
        assertThat(browser.findElement(By.cssSelector(".facts")).getText()).contains("Pat Ryder", "Brigadier General");
        WebElement appearance = browser.findElement(By.cssSelector(".appearances .card"));
        assertThat(appearance.findElement(By.tagName("h3")).getText()).startsWith("China rejected a US proposal");
        assertThat(appearance.findElement(By.cssSelector("tbody")).getText()).contains("Pat Ryder");
        screenshot("entity");

        appearance.findElement(By.cssSelector("h3 a")).click();
        browser.findElements(By.cssSelector(".coverage .column h3 a")).get(0).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("China rejected a US proposal");
        String text = browser.findElement(By.cssSelector(".reading")).getText();
        assertThat(text).contains("Pentagon spokesman Brigadier General Pat Ryder said")
                .doesNotContain("date 2023-05-30");
        assertThat(browser.findElement(By.cssSelector(".side")).getText())
                .contains("000_6ff38f1c0ac05301", "caption", "Photo via AP/Andrew Harnik");
        assertThat(browser.findElements(By.cssSelector(".reading p")).size()).isGreaterThan(3);
        // Highlights: names link to their entity page, dates show their value, quantities say what they count.
        WebElement ryder = browser.findElements(By.cssSelector(".reading a.hl.person")).stream()
                .filter(a -> a.getText().equals("Pat Ryder")).findFirst().orElseThrow();
        assertThat(ryder.getAttribute("href")).contains("/entities/person-");
        assertThat(ryder.getAttribute("title")).contains("Person", "Brigadier General");
        List<WebElement> times = browser.findElements(By.cssSelector(".reading .s .hl.time"));
        assertThat(times).isNotEmpty().allSatisfy(t -> assertThat(t.getAttribute("title")).matches("(date|time|duration|set) .+"));
        assertThat(browser.findElements(By.cssSelector(".reading .s .chip"))).extracting(WebElement::getText)
                .anySatisfy(v -> assertThat(v).startsWith("2023"));
        assertThat(browser.findElement(By.cssSelector(".legend.marks")).getText())
                .contains("Person", "Organisation", "Place", "Time expression", "Quantity");
        assertThat(browser.findElement(By.cssSelector(".side .entity-list")).getText()).contains("Li Shangfu");
        // What the cleaner took out is marked where it stood, its text in the title.
        assertThat(browser.findElements(By.cssSelector(".reading .s .hl.cut"))).extracting(c -> c.getAttribute("title"))
                .anySatisfy(t -> assertThat(t).startsWith("Removed credit: “Photo via AP/Andrew Harnik”"));
        // Quotes: the content on a wash, source and cue marked apart, each saying who spoke and how.
        assertThat(browser.findElements(By.cssSelector(".reading .s .quoted"))).extracting(q -> q.getAttribute("title"))
                .anySatisfy(t -> assertThat(t).contains("Ryder").matches(".+ · (direct|indirect|mixed)( · .+)?"));
        assertThat(browser.findElements(By.cssSelector(".reading .s .q-cue"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".reading .s .q-source"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector(".legend.marks")).getText()).contains("Quoted", "source", "cue");
        screenshot("article");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        noHorizontalScroll();
        screenshot("article-phone");

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.findElements(By.cssSelector(".reading a.hl.person")).stream()
                .filter(a -> a.getText().equals("Pat Ryder")).findFirst().orElseThrow().click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Ryder");
        browser.manage().window().setSize(new Dimension(390, 844));
        noHorizontalScroll();
        screenshot("entity-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void threeOutletStoryShowsEachOutletsAccountSideBySide() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(app.uri("/?sort=coverage").toString());
        card("Richard Blumenthal").findElement(By.cssSelector("h2 a")).click();
        List<WebElement> columns = browser.findElements(By.cssSelector(".coverage .column"));
        // Publication order: the NYT broke it on the 17th, Fox and HuffPost followed on the 18th.
        assertThat(columns).extracting(c -> c.findElement(By.cssSelector(".outlet")).getText())
                .containsExactly("NYT", "FOX", "HPO");
        assertThat(columns.get(0).getText()).contains("Richard Blumenthal's Words on Vietnam Service Differ From History");
        assertThat(columns).allSatisfy(c -> assertThat(c.findElement(By.cssSelector(".ratio")).getText())
                .matches("\\d+ of \\d+ claims shared"));
        assertThat(browser.findElements(By.cssSelector(".coverage .s.consensus, .coverage .s.partial"))).isNotEmpty();
        // Blumenthal is named by all three outlets.
        assertThat(entityRow("Richard Blumenthal").findElements(By.cssSelector("td:not(.absent)"))).hasSize(3);
        screenshot("story-basil");
    }

    @Test
    void hostileArticleTextAndUrlsRenderInert() {
        String body = """
                {"id": "xss-1", "source": "<b>bold</b>", "url": "javascript:alert(document.domain)",
                 "title": "<script>alert(1)</script> Headline",
                 "text": "Before <script>alert(2)</script> after. <img src=x onerror=alert(3)> The end."}""";
        assertThat(app.post("/api/v1/articles", "application/json", body, TOKEN).statusCode()).isEqualTo(200);
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(app.uri("/articles/xss-1").toString());

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("<script>alert(1)</script> Headline");
        assertThat(browser.findElement(By.cssSelector(".reading")).getText())
                .contains("<script>alert(2)</script>", "<img src=x onerror=alert(3)>");
        assertThat(browser.findElement(By.cssSelector(".side dd")).getText()).isEqualTo("<b>bold</b>"); // the outlet
        // No script element and no image came out of the text; the javascript: URL is text, not a link.
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("a[href^='javascript' i]"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".original.inert")).getText())
                .contains("javascript:alert(document.domain)");
        assertThat(browser.findElements(By.tagName("b"))).isEmpty();
        // Had any alert fired, the driver would now hold an open dialog; it has none.
        assertThat(browser.getTitle()).contains("Headline");
        String html = app.get("/articles/xss-1").body();
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("href=\"javascript")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void searchPageFindsAndMarksWords() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(app.uri("/search").toString());
        WebElement box = browser.findElement(By.cssSelector(".searchbox input[name=q]"));
        box.sendKeys("Blumenthal Vietnam");
        box.submit();
        // submit() does not wait for the results page: wait for it, or the old page's (empty) list is read.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("q="));
        List<WebElement> hits = browser.findElements(By.cssSelector(".hits .card"));
        assertThat(hits).isNotEmpty();
        assertThat(hits).allSatisfy(h -> assertThat(h.findElements(By.tagName("mark"))).isNotEmpty());
        assertThat(hits.get(0).findElement(By.cssSelector(".meta")).getText()).containsAnyOf("nyt", "fox", "hpo");
    }

    private WebElement card(String titleStart) {
        return browser.findElements(By.cssSelector(".stories .card")).stream()
                .filter(c -> c.findElement(By.tagName("h2")).getText().startsWith(titleStart))
                .findFirst().orElseThrow(() -> new AssertionError("no story card starting '" + titleStart + "' in: "
                        + browser.findElement(By.tagName("main")).getText()));
    }

    /** The row of the story page's entity panel whose entity name contains {@code name}. */
    private WebElement entityRow(String name) {
        return browser.findElements(By.cssSelector(".entity-table tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector("th a.entity")).getText().contains(name))
                .findFirst().orElseThrow(() -> new AssertionError("no entity '" + name + "' in: "
                        + browser.findElement(By.cssSelector(".entities")).getText()));
    }

    private void noHorizontalScroll() {
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
    }

    /** A full-page screenshot: the window is grown to the page's height first. */
    private void screenshot(String name) throws IOException {
        Dimension size = browser.manage().window().getSize();
        Number height = (Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(size.getWidth(), Math.min(4000, height.intValue() + 140)));
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(size);
    }
}
