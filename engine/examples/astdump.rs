fn main() {
    use rhai::packages::Package;
    let mut e = rhai::Engine::new_raw();
    e.set_optimization_level(rhai::OptimizationLevel::None);
    e.register_global_module(rhai::packages::StandardPackage::new().as_shared_module());
    let src = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let mut scope = rhai::Scope::new();
    scope.push_dynamic("app", rhai::Dynamic::UNIT);
    let ast = e.compile_with_scope(&scope, &src).unwrap();
    println!("{:#?}", ast.statements());
    for f in ast.iter_fn_def() {
        println!("FN {} {:?}", f.name, f.params);
        let one = ast.clone_functions_only_filtered(|_, _, _, n, a| n == f.name.as_str() && a == f.params.len());
        one.walk(&mut |path: &[rhai::ASTNode]| { if path.len() == 1 { println!("{:#?}", path[0]); } true });
    }
}
