namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// The page's own words (buttons, status pages, error messages) in the languages the product speaks; survey texts come
/// from the survey. A language without its own words here gets English ones.
/// </summary>
internal sealed record PageTexts(
    string Language, string Next, string Submit, string Progress, string Required, string ErrorSummary, string Other, string ChooseOne,
    string NotFoundTitle, string NotFound, string ExpiredTitle, string Expired, string AnsweredTitle, string Answered,
    string ThanksTitle, string Thanks, string ForgedTitle, string Forged, string TooLargeTitle, string TooLarge, string TooManyTitle,
    string TooMany, string BadFormTitle, string BadForm, string LanguageSwitch)
{
    public static readonly PageTexts English = new(
        "en", "Next", "Submit", "Page {0} of {1}", "Required", "Please check your answers:", "Please specify", "Choose one",
        "Link not found", "This survey link is not known. Please check the address you opened.",
        "This survey has closed", "This survey link has expired or is no longer open. Thank you for your interest.",
        "Already received", "Thank you, your answers to this survey have already been received.",
        "Thank you", "Thank you, your answers have been received.",
        "Please reload the page", "The form expired or did not come from this page. Please open the survey link again.",
        "Too much text", "Your answers were too long to be received. Please shorten them and try again.",
        "Please wait a moment", "Too many surveys were started from here in a short time. Please try again later.",
        "Please check the form", "The form did not match this survey page. Please open the survey link again.",
        "Language");

    public static readonly PageTexts Chinese = new(
        "zh", "下一页", "提交", "第 {0} 页，共 {1} 页", "必答", "请检查您的回答：", "请注明", "请选择一项",
        "链接不存在", "无法识别此问卷链接，请检查您打开的地址。",
        "问卷已结束", "此问卷链接已过期或已关闭，感谢您的关注。",
        "已收到", "谢谢，我们已收到您对本问卷的回答。",
        "谢谢", "谢谢，我们已收到您的回答。",
        "请重新加载页面", "表单已过期或并非来自本页面，请重新打开问卷链接。",
        "内容过长", "您的回答过长，无法接收。请缩短后重试。",
        "请稍候", "短时间内从此处开始的问卷过多，请稍后再试。",
        "请检查表单", "表单与本问卷页面不符，请重新打开问卷链接。",
        "语言");

    public static PageTexts For(string language) =>
        language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    /// <summary>The message shown next to a field for an <see cref="Sdk.Engine.Surveys.AnswerProblem"/> code.</summary>
    public string ProblemMessage(string code) => (Language, code) switch
    {
        ("zh", "required") => "请回答此问题。",
        ("zh", "out-of-range" or "not-a-number") => "请选择量表上的一个数值。",
        ("zh", "unknown-choice" or "single-answer") => "请从列出的选项中选择。",
        ("zh", "too-long") => $"最多 {Sdk.Engine.Surveys.SurveyResponseValidation.MaxTextLength} 个字符。",
        ("zh", _) => "此回答无法接收。",
        (_, "required") => "Please answer this question.",
        (_, "out-of-range" or "not-a-number") => "Please choose a value on the scale.",
        (_, "unknown-choice" or "single-answer") => "Please choose from the options shown.",
        (_, "too-long") => $"At most {Sdk.Engine.Surveys.SurveyResponseValidation.MaxTextLength} characters.",
        _ => "This answer cannot be received.",
    };
}
