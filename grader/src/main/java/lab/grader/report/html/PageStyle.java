package lab.grader.report.html;

/**
 * The pages' one style sheet, inline. Colours are the Okabe-Ito palette (distinguishable with the
 * common colour-vision deficiencies), and never the only sign: a pass says "passed" with a check
 * mark, a failure "failed" with a cross, bars carry their figures, lanes their names. Dark mode
 * follows the reader's setting ({@code prefers-color-scheme}); printing gives black on white with
 * every section kept whole where it can be.
 */
final class PageStyle {
    private PageStyle() {
    }

    static final String CSS = """
            :root{--bg:#fff;--fg:#1b1b1b;--muted:#595959;--line:#c8c8c8;--panel:#f4f4f4;--pass:#0072B2;--fail:#D55E00;
            --seq:#E69F00;--con:#0072B2;--wait:#CC79A7;--mark:#D55E00;--code:#f0f0f0;color-scheme:light dark}
            @media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#ececec;--muted:#b0b0b0;--line:#444;--panel:#1e1e1e;
            --pass:#56B4E9;--fail:#FF8C4A;--seq:#F0E442;--con:#56B4E9;--wait:#CC79A7;--mark:#FF8C4A;--code:#262626}}
            *{box-sizing:border-box}
            body{margin:0 auto;max-width:72rem;padding:1rem 1.25rem 3rem;background:var(--bg);color:var(--fg);
            font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
            h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.25rem;margin:0}h3{font-size:1rem;margin:1rem 0 .4rem}
            a{color:var(--pass)}
            header.top{border-bottom:2px solid var(--line);padding-bottom:.75rem;margin-bottom:1rem}
            .total{font-size:2.2rem;font-weight:700}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0;color:var(--muted)}
            dl.meta dt{font-weight:600}dl.meta dd{margin:0}
            .notes p{background:var(--panel);padding:.4rem .6rem;border-left:4px solid var(--line);margin:.3rem 0;white-space:pre-wrap}
            table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid var(--line);padding:.3rem .55rem;text-align:left;vertical-align:top}
            th{background:var(--panel)}td.num{text-align:right;font-variant-numeric:tabular-nums}
            section.exercise{border:1px solid var(--line);border-radius:6px;padding:.8rem 1rem;margin:1.2rem 0;background:var(--bg)}
            section.exercise>header{display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}
            .points{font-weight:700;font-variant-numeric:tabular-nums}
            .verdict{margin:.4rem 0 .6rem}
            .pass{color:var(--pass)}.fail{color:var(--fail)}
            li.check{color:var(--fg)}
            caption{text-align:left;font-weight:600;padding:.3rem 0;white-space:nowrap}
            .badge{display:inline-block;min-width:5.5rem;font-weight:700}
            ol.checks{list-style:none;padding:0;margin:.4rem 0}
            ol.checks>li{border-top:1px solid var(--line);padding:.45rem 0}
            .check-head{display:flex;gap:.75rem;flex-wrap:wrap;align-items:baseline}
            .check-name{flex:1 1 24rem}
            .why{margin:.4rem 0 .2rem 1.2rem}
            pre{background:var(--code);padding:.5rem .65rem;border-radius:4px;overflow-x:auto;white-space:pre-wrap;
            word-break:break-word;margin:.3rem 0;font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            pre.mine{border-left:4px solid var(--mark)}
            code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:0 .25rem;border-radius:3px}
            .label{font-weight:600;color:var(--muted);margin-top:.4rem}
            details>summary{cursor:pointer;color:var(--muted)}
            figure{margin:.8rem 0;padding:.5rem;background:var(--panel);border-radius:6px;overflow-x:auto}
            figcaption{font-size:.9rem;color:var(--muted);margin-top:.3rem}
            svg.pic{max-width:100%;height:auto;display:block}
            svg text{fill:var(--fg);font:12px system-ui,sans-serif}
            svg .small{font-size:10px;fill:var(--muted)}
            svg .axis{stroke:var(--fg);stroke-width:1}
            svg .grid{stroke:var(--line);stroke-width:1}
            svg .seq{fill:var(--seq)}svg .con{fill:var(--con)}
            svg .wait{fill:none;stroke:var(--wait);stroke-width:2;stroke-dasharray:5 3}
            svg .ok{fill:var(--pass)}svg .bad{fill:var(--fail)}svg .expect{fill:none;stroke:var(--fg);stroke-width:2;stroke-dasharray:4 3}
            svg .fill{fill:var(--con);fill-opacity:.35;stroke:var(--con);stroke-width:1.5}
            svg .prod{fill:none;stroke:var(--seq);stroke-width:2}
            svg .cons{fill:none;stroke:var(--wait);stroke-width:2;stroke-dasharray:6 3}
            svg .cap{stroke:var(--fail);stroke-width:1.5;stroke-dasharray:3 3}
            table.lincheck td.wrong{outline:3px solid var(--mark);outline-offset:-3px;font-weight:700}
            table.lincheck td{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;white-space:pre}
            .stuck h4{margin:.5rem 0 .2rem;font-size:.95rem}
            .replay code{user-select:all}
            .hist{display:inline-block;vertical-align:middle}
            footer{margin-top:2rem;color:var(--muted);font-size:.9rem;border-top:1px solid var(--line);padding-top:.6rem}
            @media print{:root{--bg:#fff;--fg:#000;--muted:#333;--panel:#fff;--code:#fff;--line:#999}
            body{max-width:none;padding:0;font-size:11pt}section.exercise,figure,li{break-inside:avoid}
            a{color:#000;text-decoration:underline}pre{white-space:pre-wrap;border:1px solid #999}
            nav.toc{display:none}figure{border:1px solid #999}}
            """;
}
