using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace CecopComms.Web;

/// <summary>
/// Model binding turns an empty or blank form field into null, even for a property declared as non-null text
/// (<c>public string Slug { get; set; } = ""</c>): an empty slug or name then reached <c>Slug.Trim()</c> and answered
/// 500. For such properties an empty field stays empty text, so the handler's own check answers with its sentence.
/// Properties declared <c>string?</c> keep the framework's behaviour.
/// </summary>
public sealed class EmptyTextStaysText : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key.ModelType != typeof(string) || context.Key.PropertyInfo is not { } property) return;
        // NullabilityInfoContext is not thread-safe; metadata is built once per property and cached, so one each time is cheap.
        if (new NullabilityInfoContext().Create(property).WriteState == NullabilityState.NotNull)
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
    }
}

/// <summary>
/// A request whose method no handler of the page takes (a POST to a page that only shows, or without ?handler= to a
/// page whose POST handlers all have names) gets 405. Razor Pages would otherwise render the page without running any
/// handler, with none of its data loaded: a blank form, or a 500 on the dashboard, a segment or a mailing.
/// </summary>
public sealed class UnhandledMethodFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
}
