using CecopComms.Content;
using CecopComms.Tests.ContentTests;
using CecopComms.Web.Admin.Content;

namespace CecopComms.Tests.Web.Admin;

/// <summary>The admin's validation shows a template's problems as the checks word them, at the template's own file, line and column.</summary>
public sealed class ContentProblemsTests
{
    [Fact]
    public async Task A_template_problem_is_placed_at_its_template_file_line_and_column_in_the_checks_words()
    {
        using var bed = await ContentTestBed.CreateAsync(copyTemplates: true);
        File.WriteAllText(Path.Combine(bed.Templates, "cecop-link.html.sbn"), "<tr>\n{{ for item in items }}\n  <td>{{ item.titel }}</td>\n</tr>\n");
        var error = await Assert.ThrowsAsync<ContentValidationException>(() => bed.LoadEditionAsync("cecop-link-2021-06.yaml"));

        var problem = Assert.Single(ContentProblems.FromMessage(error.Message, "editions/cecop-link-2021-06.yaml", null));

        Assert.EndsWith("cecop-link.html.sbn, line 2, column 4", problem.Place);
        Assert.Equal("the block `for item in items` is not closed: add {{ end }} where it ends", problem.Message);
        Assert.Null(problem.Field);
    }

    [Fact]
    public async Task An_unknown_value_in_a_template_reads_as_the_checker_says_it()
    {
        using var bed = await ContentTestBed.CreateAsync(copyTemplates: true);
        File.WriteAllText(Path.Combine(bed.Templates, "cecop-link.html.sbn"), "{{ for item in items }}\n  <td>{{ item.titel }}</td>\n{{ end }}\n");
        var error = await Assert.ThrowsAsync<ContentValidationException>(() => bed.LoadEditionAsync("cecop-link-2021-06.yaml"));

        var problem = Assert.Single(ContentProblems.FromMessage(error.Message, "editions/cecop-link-2021-06.yaml", null));

        Assert.EndsWith("cecop-link.html.sbn, line 2, column 10", problem.Place);
        Assert.Equal("unknown variable 'item.titel'; known here: date, image, image_alt, link, summary, summary_text, tags, title", problem.Message);
    }
}
