namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// The respondent page's stylesheet, served by the product itself (no CDN, no web font: the system's fonts, CJK
/// included). Mobile first; colours meet WCAG AA contrast (text #1a1a1a, links and buttons #0b4f8a on white);
/// every focusable control shows a thick outline when focused from the keyboard.
/// </summary>
internal static class RespondentStyle
{
    public const string Css = """
        *{box-sizing:border-box}
        html{font-size:100%;-webkit-text-size-adjust:100%}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.5;color:#1a1a1a;background:#f4f5f7}
        .brand{display:flex;align-items:center;gap:.6rem;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #c8ccd2}
        .logo{max-height:2rem;width:auto}
        .bank{font-weight:600;flex:1}
        .lang a{margin-left:.5rem;color:#0b4f8a;text-decoration:underline;padding:.25rem}
        main{max-width:40rem;margin:0 auto;padding:1rem}
        h1{font-size:1.3rem;margin:.5rem 0 1rem}
        .progress{color:#4a4f57;font-size:.9rem;margin:0 0 .5rem}
        .q{background:#fff;border:1px solid #c8ccd2;border-radius:.5rem;margin:0 0 1rem;padding:.75rem 1rem;min-width:0}
        fieldset.q legend,.qt{display:block;font-weight:600;padding:0;margin-bottom:.5rem}
        fieldset.q legend{float:left;width:100%}
        fieldset.q legend+*{clear:both}
        .req{font-weight:400;color:#4a4f57;font-size:.9rem}
        .scale{display:flex;flex-wrap:wrap;gap:.3rem;clear:both}
        .pt{position:relative}
        .pt input{position:absolute;opacity:0;width:2.6rem;height:2.6rem;margin:0}
        .pt label{display:inline-flex;align-items:center;justify-content:center;min-width:2.6rem;height:2.6rem;border:1px solid #6b7280;border-radius:.4rem;background:#fff;cursor:pointer}
        .pt input:checked+label{background:#0b4f8a;color:#fff;border-color:#0b4f8a}
        .pt input:focus-visible+label{outline:3px solid #d97706;outline-offset:2px}
        .ends{display:flex;justify-content:space-between;gap:1rem;font-size:.85rem;color:#4a4f57;margin-top:.3rem}
        .opt{margin:.4rem 0;clear:both}
        .opt label{margin-left:.4rem}
        .opt .sub{display:block;margin:.3rem 0 .1rem 1.8rem;font-size:.9rem}
        .opt input[type=text]{margin-left:1.8rem;width:calc(100% - 1.8rem)}
        input[type=radio],input[type=checkbox]{width:1.2rem;height:1.2rem;vertical-align:middle}
        textarea,input[type=text]{width:100%;font:inherit;padding:.5rem;border:1px solid #6b7280;border-radius:.4rem;clear:both;display:block}
        .mx{overflow-x:auto;clear:both}
        .mx table{border-collapse:collapse;width:100%}
        .mx th,.mx td{padding:.3rem;text-align:center;font-size:.9rem}
        .mx th[scope=row]{text-align:left;font-weight:400}
        .err{color:#a4000f;font-weight:600;margin:.2rem 0;clear:both}
        tr.bad th{color:#a4000f}
        .summary{border:2px solid #a4000f;background:#fff;border-radius:.5rem;padding:.75rem 1rem;margin-bottom:1rem}
        .summary a{color:#a4000f}
        button{font:inherit;font-weight:600;padding:.7rem 1.5rem;border:0;border-radius:.4rem;background:#0b4f8a;color:#fff;cursor:pointer;width:100%}
        a:focus-visible,button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #d97706;outline-offset:2px}
        .msg{background:#fff;border:1px solid #c8ccd2;border-radius:.5rem;padding:1rem}
        @media (min-width:40rem){button{width:auto}h1{font-size:1.5rem}}
        """;
}
