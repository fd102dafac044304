#pragma once

#include "platform/templates/SqlTemplate.h"
#include "platform/templates/TemplateAst.h"
#include "platform/templates/TemplateFunctions.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pipit
{

/// Executes a parsed template once: Python-like evaluation of expressions and statements, with
/// Tinybird's name resolution (set/for locals, then template functions, builtins, request parameters;
/// a parameter that was not given is None, or a Placeholder in test mode).
class TemplateRenderer
{
public:
    TemplateRenderer(
        const TemplateParameters & params,
        const TemplateRenderOptions & options,
        const std::unordered_set<std::string> & local_names,
        TemplateRenderResult & result);

    /// Overrides the value a parameter is read as (used for Array parameters converted to lists).
    void overrideParameter(const std::string & name, TemplateValue value);

    void render(const template_ast::NodeList & nodes);

    static bool isBuiltin(std::string_view name);

private:
    enum class Flow
    {
        Normal,
        Break,
        Continue,
    };

    Flow execute(const template_ast::NodeList & nodes);
    Flow executeNode(const template_ast::Node & node);

    TemplateValue evaluate(const template_ast::Expr & expr);
    TemplateValue lookup(const std::string & name, int line);
    /// Value of a variable that was not given: None, or a Placeholder in test mode.
    TemplateValue missing(const std::string & name, int line);
    TemplateValue evaluateCall(const template_ast::Expr & call);
    TemplateValue callValue(const TemplateValue & callee, const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs, int line);
    TemplateValue callBuiltin(const std::string & name, const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs);
    TemplateValue callMethod(
        const TemplateValue & self, const std::string & name, const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs);
    TemplateValue attribute(const TemplateValue & object, const std::string & name);
    TemplateValue binary(const std::string & op, const TemplateValue & a, const TemplateValue & b);
    bool compare(const std::string & op, const TemplateValue & a, const TemplateValue & b);
    TemplateValue subscript(const TemplateValue & object, const template_ast::Expr & index);
    TemplateValue comprehension(const template_ast::Expr & expr);
    void comprehensionLevel(const template_ast::Expr & expr, size_t level, TemplateList & out);
    TemplateList iterate(const TemplateValue & value);
    void assign(const template_ast::Target & target, const TemplateValue & value, bool in_scope);
    void countIteration();

    const TemplateParameters & params_;
    const TemplateRenderOptions & options_;
    const std::unordered_set<std::string> & local_names_;
    TemplateRenderResult & result_;
    std::unordered_map<std::string, TemplateValue> locals_;
    std::unordered_map<std::string, TemplateValue> globals_;
    std::vector<std::unordered_map<std::string, TemplateValue>> scopes_;
    size_t iterations_ = 0;
    int depth_ = 0;
    int line_ = 0;
};

} // namespace pipit
