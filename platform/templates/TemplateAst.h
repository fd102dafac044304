#pragma once

#include "platform/templates/TemplateValue.h"

#include <memory>
#include <string>
#include <vector>

namespace pipit::template_ast
{

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

enum class ExprKind
{
    Constant,  /// value
    Name,      /// name
    List,      /// items
    Tuple,     /// items
    Dict,      /// items = k0, v0, k1, v1, ...
    Unary,     /// op ("-", "+", "not"), a
    Binary,    /// op ("+", "-", "*", "/", "//", "%"), a, b
    And,       /// items
    Or,        /// items
    Compare,   /// items (operands), ops ("<", "==", "in", "not in", "is", "is not", ...)
    Call,      /// a = callee, items = positional args, keywords
    Attribute, /// a = object, name = attribute
    Subscript, /// a = object, b = index (may be a Slice)
    Slice,     /// a, b, c = lower, upper, step (each may be null)
    IfElse,    /// a = body, b = test, c = orelse
    ListComp,  /// a = element, comprehensions
};

/// Assignment target of `set`, `for` and comprehensions: a name, a tuple of targets or a subscript.
struct Target
{
    enum class Kind
    {
        Name,
        Tuple,
        Subscript,
    };
    Kind kind = Kind::Name;
    std::string name;
    std::vector<Target> items;
    ExprPtr object;
    ExprPtr index;
};

struct Comprehension
{
    Target target;
    ExprPtr iter;
    std::vector<ExprPtr> ifs;
};

struct Expr
{
    ExprKind kind = ExprKind::Constant;
    int line = 0;
    TemplateValue value;
    std::string name;
    std::string op;
    ExprPtr a;
    ExprPtr b;
    ExprPtr c;
    std::vector<ExprPtr> items;
    std::vector<std::string> ops;
    std::vector<std::pair<std::string, ExprPtr>> keywords;
    std::vector<Comprehension> comprehensions;
};

enum class NodeKind
{
    Text,     /// text
    Output,   /// expr, source (the expression text, for error messages)
    If,       /// branches (cond null for else)
    For,      /// target, expr, body, orelse
    While,    /// expr, body, orelse
    Try,      /// body, handlers (except bodies), orelse (else), finally_body
    Set,      /// target, op ("=" or "+=", ...), expr
    Break,
    Continue,
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;
using NodeList = std::vector<NodePtr>;

struct Branch
{
    ExprPtr condition;
    int line = 0;
    NodeList body;
};

struct Node
{
    NodeKind kind = NodeKind::Text;
    int line = 0;
    std::string text;
    std::string source;
    ExprPtr expr;
    Target target;
    std::string op;
    std::vector<Branch> branches;
    NodeList body;
    std::vector<NodeList> handlers;
    NodeList orelse;
    NodeList finally_body;
    bool has_finally = false;
};

} // namespace pipit::template_ast
