using YamlDotNet.Core;

namespace CecopComms.Content.Sources;

/// <summary>YAML that passes one of <see cref="BoundedYamlParser"/>'s limits at a place; the message says which, in plain words.</summary>
public sealed class YamlLimitException(Mark start, Mark end, string message) : YamlException(start, end, message);
