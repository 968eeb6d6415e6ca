using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace TutorialSite.Tests;

/// <summary>
/// Dependencies between the site's folders point one way (docs/architecture.md): Content ← Progress ← Pages ← Serving
/// (the page caches in front of the pages), and the composition (Program.cs, the root namespace's
/// Security/RateLimits/Verbs, Operations/) uses them all and is used by none; below Pages nothing touches the web edge
/// (HttpContext, cookies, routing). Read from the compiled assembly, not the source: every type, member and signature a
/// folder's code refers to, its lambdas, async state machines and the Razor views' generated classes included.
/// </summary>
public sealed class DependencyDirectionTests
{
    /// <summary>What each folder may use besides itself.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Content"] = [],
        ["Progress"] = ["Content"],
        ["Pages"] = ["Content", "Progress"],
        ["Serving"] = ["Content", "Progress", "Pages"],
        ["Composition"] = ["Content", "Progress", "Pages", "Serving"],
    };

    /// <summary>The web edge: requests, responses, cookies, routing and endpoints. Pages and what wraps them only.</summary>
    private static readonly string[] WebEdgeNamespaces = ["Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Mvc"];

    [Fact]
    public void Folders_DependOnEachOtherInOneDirectionOnly()
    {
        var graph = AssemblyGraph.Read(typeof(ContentStore).Assembly.Location);

        var wrong = graph.Uses
            .Where(use => Folder(use.From) is { } from && Folder(use.To) is { } to && from != to && !Allowed[from].Contains(to))
            .Select(use => $"{Folder(use.From)} -> {Folder(use.To)}: {use.From} uses {use.To}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(wrong.Count == 0, "Dependencies against the allowed direction:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void ContentAndProgress_DoNotTouchTheWebEdge()
    {
        var graph = AssemblyGraph.Read(typeof(ContentStore).Assembly.Location);

        var wrong = graph.External
            .Where(use => Folder(use.From) is "Content" or "Progress" && IsWebEdge(use.To))
            .Select(use => $"{use.From} uses {use.To}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(wrong.Count == 0, "Web-edge types below Pages (read and write cookies, requests and routes in Pages/, pass ids and keys down):\n" + string.Join('\n', wrong));
        // Guards the test above against a reader that no longer sees the web edge at all.
        Assert.Contains(graph.External, use => use.From == "TutorialSite.Web.Pages.LearnerCookie" && IsWebEdge(use.To));
    }

    private static bool IsWebEdge(string type) => WebEdgeNamespaces.Any(ns => type.StartsWith(ns + ".", StringComparison.Ordinal));

    [Fact]
    public void TheReader_SeesUsesThroughSignaturesBodiesAndViews()
    {
        var graph = AssemblyGraph.Read(typeof(ContentStore).Assembly.Location);

        // A method body (the composition root calls AddContent), a field's type, and a Razor view's generated class.
        Assert.Contains(new Use("Program", "TutorialSite.Web.Content.ContentServiceCollectionExtensions"), graph.Uses);
        Assert.Contains(new Use("TutorialSite.Web.Progress.ProgressService", "TutorialSite.Web.Progress.TickWriter"), graph.Uses);
        Assert.Contains(new Use("TutorialSite.Web.Pages.Pages_Tutorial", "TutorialSite.Web.Content.Tutorial"), graph.Uses);
    }

    /// <summary>The folder a type belongs to; null for what the compiler or a source generator made on its own.</summary>
    private static string? Folder(string type) => type switch
    {
        _ when type.StartsWith("TutorialSite.Web.Content.", StringComparison.Ordinal) => "Content",
        _ when type.StartsWith("TutorialSite.Web.Progress.", StringComparison.Ordinal) => "Progress",
        _ when type.StartsWith("TutorialSite.Web.Pages.", StringComparison.Ordinal) => "Pages",
        // Razor compiles each .cshtml into a class of the folder's namespace (Pages_Tutorial), or of this one.
        _ when type.StartsWith("AspNetCoreGeneratedDocument.", StringComparison.Ordinal) => "Pages",
        _ when type.StartsWith("TutorialSite.Web.Serving.", StringComparison.Ordinal) => "Serving",
        _ when type.StartsWith("TutorialSite.Web.Operations.", StringComparison.Ordinal) => "Composition",
        // Program.cs, Security, RateLimits, Verbs.
        _ when type == "Program" || (type.StartsWith("TutorialSite.Web.", StringComparison.Ordinal) && type.Count(c => c == '.') == 2) => "Composition",
        _ when type.StartsWith("TutorialSite.Web.", StringComparison.Ordinal) => throw new InvalidOperationException($"{type} is in a folder this test does not know: add it to {nameof(Allowed)}."),
        _ => null,
    };

    private sealed record Use(string From, string To);

    /// <summary>Every reference from a top-level type of the assembly to another type, inside it or outside it.</summary>
    private sealed class AssemblyGraph
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(op => op.Value);

        private readonly MetadataReader reader;
        private readonly HashSet<Use> uses = [];
        private readonly HashSet<Use> external = [];

        private AssemblyGraph(MetadataReader reader) => this.reader = reader;

        /// <summary>Uses of the assembly's own types.</summary>
        public IReadOnlyCollection<Use> Uses => uses;

        /// <summary>Uses of other assemblies' types (the framework's), by full name.</summary>
        public IReadOnlyCollection<Use> External => external;

        public static AssemblyGraph Read(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var graph = new AssemblyGraph(pe.GetMetadataReader());
            foreach (var handle in graph.reader.TypeDefinitions)
            {
                graph.Visit(handle, pe);
            }
            return graph;
        }

        private void Visit(TypeDefinitionHandle handle, PEReader pe)
        {
            var from = Name(TopLevel(handle));
            var collector = new Collector(this, from);
            var type = reader.GetTypeDefinition(handle);
            collector.Entity(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations())
            {
                collector.Entity(reader.GetInterfaceImplementation(i).Interface);
            }
            Attributes(type.GetCustomAttributes(), collector);
            foreach (var p in type.GetGenericParameters())
            {
                foreach (var c in reader.GetGenericParameter(p).GetConstraints())
                {
                    collector.Entity(reader.GetGenericParameterConstraint(c).Type);
                }
            }
            foreach (var f in type.GetFields())
            {
                var field = reader.GetFieldDefinition(f);
                field.DecodeSignature(collector, null);
                Attributes(field.GetCustomAttributes(), collector);
            }
            foreach (var p in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(p);
                property.DecodeSignature(collector, null);
                Attributes(property.GetCustomAttributes(), collector);
            }
            foreach (var m in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(m);
                method.DecodeSignature(collector, null);
                Attributes(method.GetCustomAttributes(), collector);
                foreach (var p in method.GetParameters())
                {
                    Attributes(reader.GetParameter(p).GetCustomAttributes(), collector);
                }
                if (method.RelativeVirtualAddress != 0)
                {
                    Body(pe.GetMethodBody(method.RelativeVirtualAddress), collector);
                }
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes, Collector collector)
        {
            foreach (var a in attributes)
            {
                collector.Entity(reader.GetCustomAttribute(a).Constructor);
            }
        }

        /// <summary>Every type, method and field token in the IL, and the types of the locals.</summary>
        private void Body(MethodBodyBlock body, Collector collector)
        {
            if (!body.LocalSignature.IsNil)
            {
                reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null);
            }
            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = unchecked((short)(0xFE00 | il.ReadByte()));
                }
                var op = OpCodesByValue[value];
                switch (op.OperandType)
                {
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                        collector.Entity(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        var targets = il.ReadInt32(); // read first: `Offset +=` would take the offset before it
                        il.Offset += 4 * targets;
                        break;
                    default:
                        il.Offset += 4;
                        break;
                }
            }
        }

        private TypeDefinitionHandle TopLevel(TypeDefinitionHandle handle)
        {
            while (reader.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } outer)
            {
                handle = outer;
            }
            return handle;
        }

        private string Name(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? reader.GetString(type.Name) : ns + "." + reader.GetString(type.Name);
        }

        private string Name(TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return Name((TypeReferenceHandle)type.ResolutionScope) + "+" + reader.GetString(type.Name);
            }
            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? reader.GetString(type.Name) : ns + "." + reader.GetString(type.Name);
        }

        /// <summary>Decodes signatures, noting every type in them; the decoded value itself is not needed.</summary>
        private sealed class Collector(AssemblyGraph graph, string from) : ISignatureTypeProvider<int, object?>
        {
            private readonly MetadataReader reader = graph.reader;

            public void Entity(EntityHandle handle)
            {
                if (handle.IsNil)
                {
                    return;
                }
                switch (handle.Kind)
                {
                    case HandleKind.TypeDefinition:
                        GetTypeFromDefinition(reader, (TypeDefinitionHandle)handle, 0);
                        break;
                    case HandleKind.TypeReference:
                        GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0);
                        break;
                    case HandleKind.TypeSpecification:
                        reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                        break;
                    case HandleKind.MethodDefinition:
                        Entity(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                        break;
                    case HandleKind.FieldDefinition:
                        Entity(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                        break;
                    case HandleKind.MemberReference:
                        var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                        Entity(member.Parent);
                        if (member.GetKind() == MemberReferenceKind.Method)
                        {
                            member.DecodeMethodSignature(this, null);
                        }
                        else
                        {
                            member.DecodeFieldSignature(this, null);
                        }
                        break;
                    case HandleKind.MethodSpecification:
                        var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                        Entity(specification.Method);
                        specification.DecodeSignature(this, null);
                        break;
                }
            }

            public int GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind)
            {
                graph.uses.Add(new Use(from, graph.Name(graph.TopLevel(handle))));
                return 0;
            }

            public int GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind)
            {
                graph.external.Add(new Use(from, graph.Name(handle)));
                return 0;
            }

            public int GetTypeFromSpecification(MetadataReader metadata, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
                metadata.GetTypeSpecification(handle).DecodeSignature(this, context);

            public int GetArrayType(int elementType, ArrayShape shape) => 0;

            public int GetByReferenceType(int elementType) => 0;

            public int GetFunctionPointerType(MethodSignature<int> signature) => 0;

            public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;

            public int GetGenericMethodParameter(object? genericContext, int index) => 0;

            public int GetGenericTypeParameter(object? genericContext, int index) => 0;

            public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;

            public int GetPinnedType(int elementType) => 0;

            public int GetPointerType(int elementType) => 0;

            public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

            public int GetSZArrayType(int elementType) => 0;
        }
    }
}
