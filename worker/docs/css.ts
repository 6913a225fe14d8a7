/**
 * The stylesheet of /docs, served as /docs.css. On a narrow screen the parameter table becomes one block per
 * parameter, each cell labelled by its column (data-label), long code wraps, and a sample scrolls inside its own box
 * (focusable, so that a keyboard can scroll it too): nothing is wider than a phone.
 */
export const DOCS_CSS = `body{font:16px/1.55 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:60rem;margin:0 auto;padding:1.5rem}h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #b3261e}
h3{overflow-wrap:anywhere}h4{margin:1rem 0 .25rem}
section.op{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}
.method{font-weight:700;color:#fff;background:#1f5f99;border-radius:4px;padding:.1rem .45rem;margin-right:.5rem}
code{background:#f0f0f0;padding:.05rem .3rem;border-radius:3px;overflow-wrap:anywhere}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
pre{background:#f0f0f0;padding:.6rem .75rem;border-radius:4px;overflow-x:auto}pre code{padding:0;overflow-wrap:normal}
details{margin:.25rem 0}summary{cursor:pointer}
fieldset{border:1px solid #ddd;border-radius:4px;margin:.75rem 0}legend{font-weight:700}
.field{margin:.4rem 0}.field label{display:inline-block;min-width:7rem;font-family:monospace}
.field input,.field select{font:inherit;max-width:100%}.hint{color:#555;font-size:.9rem}
button{font:inherit;padding:.3rem .8rem;border:1px solid #1f5f99;border-radius:4px;background:#1f5f99;color:#fff;cursor:pointer}
a{color:#1f5f99}a:focus,summary:focus,button:focus,input:focus,select:focus{outline:3px solid #f9a825;outline-offset:2px}
@media (max-width:40rem){main{padding:1rem .75rem}section.op{padding:.75rem}
table,thead,tbody,tr,th,td{display:block}thead tr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
tr{border:1px solid #ddd;margin:.5rem 0}td{border:0;border-bottom:1px solid #eee}td::before{content:attr(data-label) ": ";font-weight:700}}`;
