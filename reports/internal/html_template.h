// The HTML report's stylesheet and kainjow mustache templates, compiled into the binary so a
// report is one self-contained file. {{x}} is escaped by HtmlEscape() (set as the mustache
// escape function); {{{x}}} is used only for SVG markup built by svg_charts.cc, hrefs from
// SafeHref() and finding cards rendered (escaped) from kFindingCard. A Content-Security-Policy
// forbids scripts and every external request.
#pragma once

namespace sightline::reports::internal {

inline constexpr const char* kHtmlHead = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="sightline">
<title>{{title}}</title>
<style>
:root { --critical:#8b1a1a; --high:#d9480f; --medium:#e0a800; --low:#5c7cfa; --ink:#212529;
  --muted:#5f676f; --line:#dee2e6; --paper:#ffffff; --bg:#f4f5f7; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:17px/1.55 -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 940px; margin: 0 auto; padding: 28px 20px 60px; }
h1 { font-size: 30px; margin: 0 0 4px; }
h2 { font-size: 22px; margin: 36px 0 12px; }
h3 { font-size: 15px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 18px 0 6px; }
a { color: #1864ab; word-break: break-all; }
.sub { color: var(--muted); margin: 0 0 20px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px;
  margin: 0 0 18px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
.summary .verdict { font-size: 20px; margin: 0 0 16px; }
.tiles { display: flex; gap: 12px; flex-wrap: wrap; margin: 0 0 14px; }
.tile { flex: 1 1 150px; border-radius: 10px; padding: 12px 16px; color: #fff; }
.tile .n { font-size: 34px; font-weight: 700; line-height: 1.1; display: block; }
.tile.critical { background: var(--critical); } .tile.high { background: var(--high); }
.tile.medium { background: var(--medium); color: #212529; } .tile.low { background: var(--low); }
.tile.good { background: #2b8a3e; } .tile.changed { background: #495057; }
.tile.zero { background: #e9ecef; color: var(--muted); }
.facts { display: flex; gap: 28px; flex-wrap: wrap; color: var(--muted); margin: 0; padding: 0; list-style: none; }
.facts b { color: var(--ink); }
.finding { border-left: 8px solid var(--line); }
.finding.critical { border-left-color: var(--critical); } .finding.high { border-left-color: var(--high); }
.finding.medium { border-left-color: var(--medium); } .finding.low { border-left-color: var(--low); }
.finding.resolved { opacity: .92; background: #fbfbfc; }
.badges { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 0 0 8px; }
.badge { display: inline-block; border-radius: 999px; padding: 2px 12px; font-size: 14px; font-weight: 600; }
.badge.critical { background: var(--critical); color: #fff; } .badge.high { background: var(--high); color: #fff; }
.badge.medium { background: var(--medium); color: #212529; } .badge.low { background: var(--low); color: #fff; }
.badge.status { background: #e9ecef; color: var(--ink); }
.badge.new { background: #fff3bf; color: #5c3c00; } .badge.resolved { background: #d3f9d8; color: #1b4d23; }
.kind { font-weight: 600; color: var(--muted); }
.finding .lead { font-size: 19px; margin: 4px 0 6px; }
.people { margin: 0 0 6px; color: var(--muted); }
.people b { color: var(--ink); }
.details { list-style: none; padding: 0; margin: 0; }
.details li { margin: 0 0 12px; }
blockquote { margin: 4px 0 2px; padding: 8px 14px; background: #f8f9fa; border-left: 3px solid #adb5bd;
  border-radius: 0 6px 6px 0; font-style: normal; }
li.hidden-text blockquote { border-left: 3px dashed #ae3ec9; background: #f8f0fc; }
mark { background: #ffe066; color: #000; padding: 0 2px; border-radius: 3px; font-weight: 600; }
.chip { display: inline-block; font-size: 13px; border: 1px solid var(--line); border-radius: 6px;
  padding: 0 6px; margin-right: 6px; color: var(--muted); background: #fff; }
.chip.hidden { border-color: #ae3ec9; color: #862e9c; }
.where { font-size: 14px; color: var(--muted); }
.exposure p { margin: 4px 0; }
.exposed { color: #c92a2a; font-weight: 600; }
.reasons { margin: 4px 0 8px; padding-left: 22px; color: var(--muted); }
svg.timeline { max-width: 100%; height: auto; display: block; margin: 6px 0; }
svg.history { width: 100%; height: auto; display: block; margin: 6px 0; }
.advice { background: #e7f5ff; border-radius: 8px; padding: 12px 16px; margin-top: 14px; }
.advice h3 { margin-top: 0; color: #1864ab; }
.advice ol { margin: 0; padding-left: 22px; }
.fixed { color: #2b8a3e; font-weight: 600; margin: 0 0 6px; }
.ack { color: #2b8a3e; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
.id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; color: #868e96; }
.legend dt { font-weight: 700; } .legend dd { margin: 0 0 8px; }
details summary { cursor: pointer; font-weight: 600; }
footer { color: var(--muted); font-size: 14px; margin-top: 32px; }
@media print { body { background: #fff; } .card { box-shadow: none; break-inside: avoid; } }
</style>
</head>
<body>
<main>
)HTML";

inline constexpr const char* kHtmlFoot = R"HTML(<footer>
<p>Generated by sightline on {{generated_at}}.{{#redacted}} Identifying details are masked in this copy.{{/redacted}}
This report contains sensitive text from your pages: share it only with people who need it.</p>
</footer>
</main>
</body>
</html>
)HTML";

// One finding card; used by the audit and diff documents.
inline constexpr const char* kFindingCard =
    R"HTML(<section class="card finding {{risk}} {{status}}" id="finding-{{id}}">
<div class="badges"><span class="badge {{risk}}">{{risk_label}} risk</span>
<span class="badge status {{status}}">{{status_label}}</span>
{{#has_previous_risk}}<span class="badge status">was {{previous_risk}}</span>{{/has_previous_risk}}
<span class="kind">{{kind_label}}</span></div>
<p class="lead">{{summary}}</p>
{{#resolved}}<p class="fixed">Fixed: this is no longer on your site. Copies can stay in search results and web archives until removed.</p>{{/resolved}}
{{#has_people}}<p class="people">These details together fit <b>{{people}}</b>.</p>{{/has_people}}
{{#has_details}}<h3>What the pages say</h3>
<ul class="details">
{{#details}}<li{{#hidden}} class="hidden-text"{{/hidden}}>{{#chips}}<span class="chip">{{.}}</span>{{/chips}}{{#hidden}}<span class="chip hidden">hidden from visitors, read by search engines</span>{{/hidden}}{{#inherited}}<span class="chip">from another page</span>{{/inherited}}
<blockquote>{{#segments}}{{#marked}}<mark title="{{label}}">{{text}}</mark>{{/marked}}{{^marked}}{{text}}{{/marked}}{{/segments}}</blockquote>
{{#has_url}}<div class="where">on <a href="{{{href}}}" rel="noopener noreferrer">{{url}}</a></div>{{/has_url}}</li>
{{/details}}</ul>{{/has_details}}
<div class="exposure"><h3>Who could see it</h3>
<p>{{#indexable}}<span class="exposed">Search engines can find this page.</span>{{/indexable}}{{^indexable}}{{#ever_indexable}}<span class="exposed">Search engines could find it while it was online.</span>{{/ever_indexable}}{{^ever_indexable}}Search engines are not allowed to index it.{{/ever_indexable}}{{/indexable}}
{{#has_window}} {{window}}{{/has_window}}</p>
{{#has_reasons}}<ul class="reasons">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul>{{/has_reasons}}
{{{timeline}}}
{{#has_archived}}<p>Copies kept by web archives:</p><ul class="reasons">{{#archived}}<li>{{archive}}, {{day}}: <a href="{{{href}}}" rel="noopener noreferrer">{{url}}</a></li>{{/archived}}</ul>{{/has_archived}}
{{^has_archived}}<p>No archived copies are known.</p>{{/has_archived}}
{{#acknowledged}}<p class="ack">Removal marked as handled{{#has_ack_note}}: {{ack_note}}{{/has_ack_note}}</p>{{/acknowledged}}
</div>
{{#has_advice}}<div class="advice"><h3>What to do</h3><ol>{{#advice}}<li>{{.}}</li>{{/advice}}</ol></div>{{/has_advice}}
<p class="id">Finding {{id}}</p>
</section>
)HTML";

}  // namespace sightline::reports::internal

namespace sightline::reports::internal {

inline constexpr const char* kAuditBody = R"HTML(<h1>Privacy audit of {{site}}</h1>
<p class="sub">Audit #{{audit_id}} · {{started_day}}{{#has_previous}} · compared with audit #{{previous_id}}{{/has_previous}}</p>
<section class="card summary">
<p class="verdict">{{verdict}}</p>
<div class="tiles">{{#tiles}}<div class="tile {{cls}}"><span class="n">{{n}}</span>{{label}}</div>{{/tiles}}</div>
<ul class="facts"><li><b>{{new_count}}</b> new since the last audit</li><li><b>{{resolved_count}}</b> resolved</li>
<li><b>{{pages_fetched}}</b> pages checked</li><li><b>{{pages_failed}}</b> could not be fetched</li></ul>
</section>
{{#has_history}}<section class="card"><h3>Findings over time</h3>{{{history_svg}}}</section>{{/has_history}}
<h2>Findings, most serious first</h2>
{{^has_findings}}<section class="card"><p>Nothing on these pages narrows down a patient or the author.</p></section>{{/has_findings}}
{{{findings_html}}}
<h2>How to read this report</h2>
<section class="card legend"><dl>
<dt>Critical</dt><dd>Fewer than one person fits these details: anyone who knows the patient (or you) would recognise them.</dd>
<dt>High</dt><dd>Fewer than five people fit: a neighbour, employer or relative could work out who it is.</dd>
<dt>Medium</dt><dd>Fewer than twenty people fit: together with one more detail it could point to someone.</dd>
<dt>Low</dt><dd>Many people fit; worth tidying up, unlikely to identify anyone on its own.</dd>
<dt>Hidden</dt><dd>Text visitors do not see (comments in the page code, image descriptions, hidden sections) that search engines and archives still read.</dd>
</dl></section>
<details class="card"><summary>Pages checked ({{page_count}})</summary>
<table><tr><th>Page</th><th>Status</th><th>Search engines</th><th>Title</th></tr>
{{#pages}}<tr><td><a href="{{{href}}}" rel="noopener noreferrer">{{url}}</a></td><td>{{status}}</td><td>{{indexing}}</td><td>{{title}}</td></tr>
{{/pages}}</table></details>
)HTML";

inline constexpr const char* kDiffBody = R"HTML(<h1>What changed on {{site}}</h1>
<p class="sub">Audit #{{from_id}} ({{from_day}}) compared with audit #{{to_id}} ({{to_day}})</p>
<section class="card summary">
<div class="tiles">{{#tiles}}<div class="tile {{cls}}"><span class="n">{{n}}</span>{{label}}</div>{{/tiles}}</div>
</section>
{{#groups}}<h2>{{title}} ({{count}})</h2>
{{^count_nonzero}}<section class="card"><p>None.</p></section>{{/count_nonzero}}
{{{findings_html}}}
{{/groups}}
<h2>Pages</h2>
<section class="card">{{#page_groups}}<h3>{{title}} ({{count}})</h3>
<ul>{{#urls}}<li><a href="{{{href}}}" rel="noopener noreferrer">{{url}}</a></li>{{/urls}}</ul>
{{/page_groups}}</section>
)HTML";

inline constexpr const char* kHistoryBody = R"HTML(<h1>History of {{site}}</h1>
<p class="sub">{{audit_count}} audits</p>
{{#has_history}}<section class="card"><h3>Findings per risk</h3>{{{history_svg}}}</section>{{/has_history}}
<section class="card"><table><tr><th>Audit</th><th>Started</th><th>State</th><th>Pages</th><th>Critical</th><th>High</th><th>Medium</th><th>Low</th><th>New</th><th>Resolved</th></tr>
{{#audits}}<tr><td>#{{id}}</td><td>{{started}}</td><td>{{state}}</td><td>{{pages}}</td><td>{{critical}}</td><td>{{high}}</td><td>{{medium}}</td><td>{{low}}</td><td>{{new}}</td><td>{{resolved}}</td></tr>
{{/audits}}</table></section>
)HTML";

}  // namespace sightline::reports::internal
