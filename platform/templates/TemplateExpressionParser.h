#pragma once

#include "platform/templates/TemplateAst.h"

#include <string>
#include <string_view>

namespace pipit
{

/// Parses the Python expression subset of templates: literals, names, arithmetic, comparisons (chained),
/// boolean operators, conditional expressions, calls with keyword arguments, attributes, subscripts and
/// slices, list comprehensions and generator expressions (evaluated eagerly as lists).
/// `**` and bitwise operators are rejected ("Invalid BinOp: Pow()"). Errors are TemplateError with the line.
class TemplateExpressionParser
{
public:
    TemplateExpressionParser(std::string_view text, int line);

    /// An expression list: `a` or `a, b` (a tuple). The whole text must be consumed.
    template_ast::ExprPtr parseExpressionList();
    /// `for` header: `<targets> in <expression list>`.
    void parseForHeader(template_ast::Target & target, template_ast::ExprPtr & iter);
    /// `set` body: `<targets> = <expression list>` or `<target> += <expression>` (op receives "=" or "+=", ...).
    void parseAssignment(template_ast::Target & target, std::string & op, template_ast::ExprPtr & value);

private:
    struct Token
    {
        enum class Kind
        {
            Name,
            Number,
            String,
            Op,
            End,
        };
        Kind kind = Kind::End;
        std::string text;
        TemplateValue value;
    };

    void tokenize(std::string_view text);
    [[noreturn]] void syntaxError() const;

    const Token & peek(size_t ahead = 0) const;
    bool isOp(std::string_view op, size_t ahead = 0) const;
    bool isKeyword(std::string_view word, size_t ahead = 0) const;
    void expectOp(std::string_view op);
    void expectEnd() const;

    std::shared_ptr<template_ast::Expr> make(template_ast::ExprKind kind) const;

    template_ast::ExprPtr parseTest();
    template_ast::ExprPtr parseOr();
    template_ast::ExprPtr parseAnd();
    template_ast::ExprPtr parseNot();
    template_ast::ExprPtr parseComparison();
    template_ast::ExprPtr parseBitOr();
    template_ast::ExprPtr parseArith();
    template_ast::ExprPtr parseTerm();
    template_ast::ExprPtr parseFactor();
    template_ast::ExprPtr parsePower();
    template_ast::ExprPtr parsePrimary();
    template_ast::ExprPtr parseAtom();
    template_ast::ExprPtr parseSubscript();
    void parseCallArguments(template_ast::Expr & call);
    void parseComprehensions(template_ast::Expr & comp);
    template_ast::Target parseTargetList();
    template_ast::Target parseTarget();
    template_ast::Target toTarget(const template_ast::ExprPtr & expr) const;

    int line_;
    std::vector<Token> tokens_;
    size_t pos_ = 0;
    int depth_ = 0;
};

} // namespace pipit
