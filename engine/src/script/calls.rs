//! Finds calls of functions that do not exist, before any script runs.
//!
//! Rhai resolves function names only when a call is made, so a misspelt `awrd(2, "…")` would
//! otherwise surface on the first application that reaches that line. The calls are the
//! function-call and method-call nodes of the script's syntax tree (`flow.rs`).

use rhai::AST;

use super::flow;

/// Words that read like calls but are keywords, or built into the language itself rather than
/// registered as functions.
pub const BUILT_IN_KEYWORD_FUNCTIONS: &[&str] = &[
    "Fn",
    "call",
    "curry",
    "type_of",
    "print",
    "debug",
    "is_def_var",
    "is_def_fn",
    "is_shared",
    "this",
];

/// A call of an unknown function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCall {
    /// The function's name as written.
    pub name: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// Every call in `tree` (compiled without optimisation) of a function for which `is_known` says
/// no and the script does not define: calls and method calls anywhere, in script functions, closures and interpolations too.
/// Operators are not calls here. A name the script binds as a variable where it is called may
/// hold a function pointer, and a method named like a key of a map literal may be a function
/// the map holds; both are valid Rhai and not reported.
pub fn unknown_functions(tree: &AST, is_known: &dyn Fn(&str) -> bool) -> Vec<UnknownCall> {
    let flow = flow::walk(tree, None);
    let own: Vec<&str> = tree.iter_functions().map(|f| f.name).collect();
    flow.calls
        .into_iter()
        .filter(|call| {
            !(call.variable
                || own.contains(&call.name.as_str())
                || is_known(&call.name)
                || (call.method && flow.map_keys.contains(&call.name)))
        })
        .map(|call| UnknownCall {
            name: call.name,
            line: call.line,
            column: call.column,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(text: &str) -> Vec<(String, usize, usize)> {
        let known: Vec<String> = ["award", "len", "filter", "contains"]
            .iter()
            .chain(BUILT_IN_KEYWORD_FUNCTIONS)
            .map(|s| s.to_string())
            .collect();
        unknown_functions(&flow::tree(text), &|name| known.iter().any(|k| k == name))
            .into_iter()
            .map(|c| (c.name, c.line, c.column))
            .collect()
    }

    #[test]
    fn reports_a_misspelt_call_with_its_position() {
        assert_eq!(
            unknown("let n = 1;\n  awrd(n, \"x\");"),
            vec![("awrd".to_string(), 2, 3)]
        );
    }

    #[test]
    fn method_calls_are_checked_too() {
        assert_eq!(
            unknown("app.partners.lenn()"),
            vec![("lenn".to_string(), 1, 14)]
        );
    }

    #[test]
    fn ignores_strings_comments_definitions_keywords_and_bound_names() {
        let script = r#"
            // nothing(1) here
            /* nor /* nested */ here(2) */
            fn helper(f) { f(1) }
            let g = |x| x + 1;
            if (true) { helper(g); g(2); }
            award(1, "call(me) maybe(3)");
        "#;
        assert_eq!(unknown(script), vec![]);
    }

    #[test]
    fn calls_in_interpolations_functions_and_closures_are_found() {
        let script = "let s = `${awrd(1)}`;\nfn f(x) { x.lenn() }\n\
                      [1].filter(|x| contans(x));\nlet m = #{a: 1};\nm.nope();";
        assert_eq!(
            unknown(script),
            vec![
                ("awrd".to_string(), 1, 12),
                ("lenn".to_string(), 2, 13),
                ("contans".to_string(), 3, 16),
                ("nope".to_string(), 5, 3),
            ]
        );
    }

    #[test]
    fn valid_calls_are_never_reported() {
        // Script functions (also as methods), function pointers in variables and parameters,
        // closures, a map's own function called as its method, operators and `in`.
        let script = r#"
            fn helper(f) { f.call(1) + f(2) }
            fn twice() { this * 2 }
            let g = |x| x + 1;
            helper(g);
            g(2);
            let n = 3;
            n.twice();
            let m = #{ act: |x| x };
            m.act(1);
            if 1 in [1, 2] && !(1 > 2) { award(1, "x") }
            [1].filter(|x| x > 0).len();
        "#;
        assert_eq!(unknown(script), vec![]);
    }
}
