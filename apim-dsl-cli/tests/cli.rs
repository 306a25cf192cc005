//! The `apim-dsl` command, run as users run it: happy paths and error paths
//! of `import` and `check`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn apim_dsl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apim-dsl"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SEED: &str = "../tests/golden/apim-with-identity.json";

#[test]
fn help_lists_the_commands() {
    let output = apim_dsl(&["--help"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for command in ["import", "check", "completions"] {
        assert!(text.contains(command), "{text}");
    }
    let output = apim_dsl(&["import", "--help"]);
    assert!(stdout(&output).contains("--symbolic"));
}

#[test]
fn import_prints_a_template_that_compiles_back() {
    let output = apim_dsl(&["import", SEED]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("apim_dsl::template! {\n"), "{text}");
    assert!(
        text.contains("    pub const APIM_WITH_IDENTITY;\n"),
        "{text}"
    );
    assert!(text.contains("/// The email address of the owner of the service\n"));
    assert!(
        text.contains("    #[minLength(1)]\n    param serviceName: string;\n"),
        "{text}"
    );
    // What it prints compiles to the seed (the import checks that itself; so
    // does this test, independently).
    let tokens = apim_dsl_workspace_body(&text);
    let compiled = apim_dsl_core::compile(tokens).output.expect("compiles");
    let emitted: serde_json::Value = serde_json::from_str(&compiled.arm).expect("JSON");
    let seed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap(),
    )
    .unwrap();
    assert_eq!(
        apim_dsl_core::arm::import::verify::first_difference(&seed, &emitted),
        None
    );
}

/// The tokens inside `apim_dsl::template! { ... }`.
fn apim_dsl_workspace_body(source: &str) -> proc_macro2::TokenStream {
    let start = source.find('{').expect("a brace") + 1;
    let end = source.rfind('}').expect("a brace");
    source[start..end].parse().expect("tokenizes")
}

#[test]
fn import_writes_the_output_file_and_names_the_constant() {
    let guard = tempdir("apim-dsl-cli-test-");
    let dir = guard.path();
    let file = dir.join("apim.rs");
    let output = apim_dsl(&[
        "import",
        SEED,
        "--name",
        "SEED",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("pub const SEED;"));
}

#[test]
fn import_with_parameters_prints_the_parameter_file_builder() {
    let output = apim_dsl(&[
        "import",
        SEED,
        "--parameters",
        "tests/fixtures/apim.parameters.json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("    APIM_WITH_IDENTITY\n        .parameter_file()\n        .value(\"publisherEmail\", \"admin@contoso.com\")?\n        .value(\"skuCount\", 2)\n}"), "{text}");
    // Alone, a parameters file is recognised by its `$schema`.
    let output = apim_dsl(&[
        "import",
        "tests/fixtures/apim.parameters.json",
        "--name",
        "APIM",
    ]);
    assert!(stdout(&output).contains(
        "pub fn parameters() -> Result<apim_dsl::ParameterFile, apim_dsl::ParameterError>"
    ));
}

/// `--parameters` given a template (a slip of the argument's order) is an
/// error at that file, not a second template printed under the same name.
#[test]
fn import_parameters_must_be_a_parameters_file() {
    let output = apim_dsl(&["import", SEED, "-p", SEED]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    assert!(
        stderr(&output).contains(
            "apim-with-identity.json:1:1: error: `--parameters` takes the parameters file of ../tests/golden/apim-with-identity.json, and this is not one"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn import_of_a_missing_file_fails() {
    let output = apim_dsl(&["import", "tests/fixtures/no-such-file.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no-such-file.json: error: cannot read the file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn import_of_invalid_json_says_where() {
    let output = apim_dsl(&["import", "tests/fixtures/invalid.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("tests/fixtures/invalid.json:3:17: error: not valid JSON"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn import_of_what_the_dsl_cannot_express_names_the_path() {
    let output = apim_dsl(&["import", "tests/fixtures/float.json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("tests/fixtures/float.json:6:51: error: `1.5` is not a 64-bit integer, and ARM does not evaluate expressions here"),
        "{text}"
    );
    assert!(
        text.contains("(at $.parameters.ratio.allowedValues[0])"),
        "{text}"
    );
    assert!(
        stdout(&output).is_empty(),
        "nothing is printed when something would be lost"
    );
}

#[test]
fn check_passes_the_seed_with_its_warnings() {
    let output = apim_dsl(&["check", SEED]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("warning: ARM accepts \"systemAssigned\""),
        "{text}"
    );
    assert!(text.contains("1 template(s) checked: 0 error(s)"), "{text}");
}

#[test]
fn check_reports_each_mistake_at_its_line() {
    let output = apim_dsl(&["check", "tests/fixtures/broken.json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("broken.json:12:18: error: ADSL0404: unknown property `locaton`"),
        "{text}"
    );
    assert!(text.contains("(at $.resources[0].locaton)"), "{text}");
    // A lint of Bicep's linter: a warning, as Bicep has it, unless `--strict`.
    assert!(
        text.contains(
            "broken.json:16:42: warning: ADSL0803: output `leak` reveals the secure parameter `adminPassword`"
        ),
        "{text}"
    );
    assert!(
        text.contains("(a warning, as Bicep's linter rule `outputs-should-not-contain-secrets` is by default; `--strict` makes it an error)"),
        "{text}"
    );
    let output = apim_dsl(&["check", "--strict", "tests/fixtures/broken.json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains(
            "broken.json:16:42: error: ADSL0803: output `leak` reveals the secure parameter `adminPassword`: deployment history shows outputs in plain text; remove it or declare the output `secureString`/`secureObject` (at $.outputs.leak.value)"
        ),
        "{text}"
    );
}

/// The findings of each kind that the type data alone decides, and Bicep's
/// linter's: `tests/fixtures/type-data.json` at each one's line and column.
const TYPE_DATA_FINDINGS: [(&str, &str); 6] = [
    (
        "6:62",
        "ADSL0803: `secretValue` is a secureString with a literal default",
    ),
    (
        "15:49",
        "ADSL0407: `sku.capacity` of `Microsoft.ApiManagement/service` must be an integer, not a string",
    ),
    (
        "22:19",
        "ADSL0406: `location` of `Microsoft.KeyVault/vaults/secrets` is read-only",
    ),
    (
        "30:51",
        "ADSL0404: unknown property `PublicIPAllocationMethod` in `properties`",
    ),
    (
        "34:21",
        "ADSL0402: unknown API version `2019-09-01` of `Microsoft.Resources/deployments`",
    ),
    (
        "47:47",
        "ADSL0803: output `scriptUri` reveals the secure parameter `sasToken`",
    ),
];

/// What only the type data says (a read-only `location`, an unknown
/// property, a string for an integer, an unknown API version) and Bicep's
/// linter's lints (a secret output, a secure parameter's literal default) are
/// warnings by default, as Bicep reports them, each saying why, and the
/// command succeeds; `--strict` makes each an error, as the macro gives it.
#[test]
fn check_reports_what_the_type_data_decides_as_bicep_does_unless_strict() {
    let file = "tests/fixtures/type-data.json";
    let output = apim_dsl(&["check", file]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    for (at, message) in TYPE_DATA_FINDINGS {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{file}:{at}: ")))
            .unwrap_or_else(|| panic!("{at}: {text}"));
        assert!(
            line.starts_with(&format!("{file}:{at}: warning: {message}")),
            "{line}"
        );
        let why = if message.starts_with("ADSL0803") {
            "is by default; `--strict` makes it an error) (at $."
        } else {
            "(a warning, as in Bicep: only the type data says so, and Azure may accept it; `--strict` makes it an error) (at $."
        };
        assert!(line.contains(why), "{line}");
    }
    assert!(text.contains("secure-parameter-default"), "{text}");
    assert!(
        text.ends_with("1 template(s) checked: 0 error(s), 6 warning(s)\n"),
        "{text}"
    );

    let output = apim_dsl(&["check", "--strict", file]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    for (at, message) in TYPE_DATA_FINDINGS {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{file}:{at}: ")))
            .unwrap_or_else(|| panic!("{at}: {text}"));
        assert!(
            line.starts_with(&format!("{file}:{at}: error: {message}")),
            "{line}"
        );
        assert!(!line.contains("--strict"), "{line}");
    }
    assert!(
        text.ends_with("1 template(s) checked: 6 error(s), 0 warning(s)\n"),
        "{text}"
    );

    let help = stdout(&apim_dsl(&["check", "--help"]));
    for said in [
        "--strict",
        "BCP037",
        "BCP081",
        "outputs-should-not-contain-secrets",
        "(warnings allowed)",
    ] {
        assert!(help.contains(said), "{said}: {help}");
    }
}

/// JSON and SARIF carry the severities `check` reports: Bicep's by default,
/// the macro's with `--strict`.
#[test]
fn json_and_sarif_carry_the_reported_severities() {
    let file = "tests/fixtures/type-data.json";
    for (strict, severity) in [(false, "warning"), (true, "error")] {
        let mut args = vec!["check", "--format", "json", file];
        if strict {
            args.push("--strict");
        }
        let output = apim_dsl(&args);
        assert_eq!(output.status.code(), Some(i32::from(strict)));
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let items = report.as_array().unwrap();
        assert_eq!(items.len(), TYPE_DATA_FINDINGS.len(), "{report}");
        for item in items {
            assert_eq!(item["severity"], severity, "{item}");
        }
        let read_only = items.iter().find(|i| i["code"] == "ADSL0406").unwrap();
        assert_eq!(read_only["path"], "$.resources[1].location");
        assert_eq!(
            read_only["message"]
                .as_str()
                .unwrap()
                .contains("`--strict` makes it an error"),
            !strict
        );

        args[2] = "sarif";
        let output = apim_dsl(&args);
        assert_eq!(output.status.code(), Some(i32::from(strict)));
        let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), TYPE_DATA_FINDINGS.len());
        for result in results {
            assert_eq!(result["level"], severity, "{result}");
        }
    }
}

/// What fails a deployment whatever the type data says stays an error
/// without `--strict`: a top-level key no resource takes (Bicep's BCP037 is
/// an error there), a `dependsOn` naming nothing of the template, a
/// dependency cycle, a `resourceId` with too few names.
#[test]
fn check_keeps_certain_failures_errors_by_default() {
    let file = "tests/fixtures/certain-failures.json";
    for args in [vec!["check", file], vec!["check", "--strict", file]] {
        let output = apim_dsl(&args);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{text}");
        for expected in [
            "certain-failures.json:14:24: error: ADSL0404: unknown property `publisherName` in the body of `Microsoft.ApiManagement/service@2021-08-01`",
            "certain-failures.json:16:22: error: ADSL0502: this `dependsOn` entry names a `Microsoft.Insights/components`",
            "certain-failures.json:21:15: error: ADSL0501: dependency cycle",
            "certain-failures.json:42:22: error: ADSL0502: this `dependsOn` entry gives 1 name segment(s)",
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
        assert!(!text.contains("--strict` makes"), "{text}");
        assert!(text.ends_with("4 error(s), 0 warning(s)\n"), "{text}");
    }
}

/// ARM keeps parameters and variables apart: a variable may have a
/// parameter's name, which `check` checks under a stand-in for the variable
/// and names as the template does; `import` refuses it (the DSL, like Bicep,
/// has one namespace), as its help says.
#[test]
fn check_reads_a_variable_named_as_a_parameter() {
    let file = "tests/fixtures/shared-name.json";
    let output = apim_dsl(&["check", file]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(!text.contains("ADSL0202"), "{text}");
    assert!(!text.contains("stand_in"), "{text}");
    assert!(
        text.contains(&format!(
            "{file}:5:28: warning: variable `suffix` is never used"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{file}:9:46: error: ADSL0303: the value of output `accountName` must be an int, found a string"
        )),
        "{text}"
    );
    let output = apim_dsl(&["import", "--help"]);
    assert!(
        stdout(&output).contains("a resource or module loop named as a parameter"),
        "{}",
        stdout(&output)
    );
}

/// A variable named as a parameter, or by no identifier, imports with
/// `#[name]` and a symbol of its own (both were refused), and what is printed
/// compiles back to the template.
#[test]
fn import_names_renamed_variables_by_symbols_of_their_own() {
    let file = "tests/fixtures/variable-names.json";
    let output = apim_dsl(&["import", file]);
    let text = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    for expected in [
        "    #[name(\"location\")]\n    var location_var = toLower(location);\n",
        "    #[name(\"subnet-id\")]\n    var subnet_id = concat(location_var, \"/subnets/default\");\n",
        "    output subnet: string = subnet_id;\n",
    ] {
        assert!(text.contains(expected), "{expected}\nnot in\n{text}");
    }
    let tokens = apim_dsl_workspace_body(&text);
    let compiled = apim_dsl_core::compile(tokens).output.expect("compiles");
    let emitted: serde_json::Value = serde_json::from_str(&compiled.arm).expect("JSON");
    let original: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap(),
    )
    .unwrap();
    assert_eq!(
        apim_dsl_core::arm::import::verify::first_difference(&original, &emitted),
        None
    );
    assert!(
        compiled
            .bicep
            .contains("var location_var = toLower(location)"),
        "{}",
        compiled.bicep
    );
}

/// A function's `parameters` that is no array, and a lambda naming one
/// parameter twice, are findings at their lines like the others.
#[test]
fn check_reports_function_parameters_and_duplicate_lambda_parameters() {
    let file = "tests/fixtures/function-and-lambda-mistakes.json";
    let output = apim_dsl(&["check", file]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains(&format!(
            "{file}:9:25: error: a function's `parameters` is an array of `{{\"name\", \"type\"}}` objects, not a string (at $.functions[0].members.prefixed.parameters)"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{file}:16:14: error: ADSL0202: duplicate lambda parameter `cur`"
        )),
        "{text}"
    );
    assert!(text.contains("2 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn check_reports_json_and_sarif() {
    let output = apim_dsl(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/broken.json",
        SEED,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON on stdout");
    let items = report.as_array().expect("an array");
    let first = &items[0];
    assert_eq!(first["line"], 12);
    assert_eq!(first["column"], 18);
    assert_eq!(first["path"], "$.resources[0].locaton");
    assert_eq!(first["severity"], "error");
    assert!(items.iter().any(|i| i["severity"] == "warning"));

    let output = apim_dsl(&["check", "--format", "sarif", "tests/fixtures/broken.json"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        12
    );
}

#[test]
fn check_without_files_is_a_usage_error() {
    let output = apim_dsl(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("Usage"));
}

#[test]
fn check_of_invalid_json_fails() {
    let output = apim_dsl(&[
        "check",
        "tests/fixtures/invalid.json",
        "tests/fixtures/no-such-file.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("invalid.json:3:17: error: not valid JSON"),
        "{text}"
    );
    assert!(
        text.contains("no-such-file.json: error: cannot read the file"),
        "{text}"
    );
}

#[test]
fn hostile_input_is_an_error_not_a_crash() {
    let guard = tempdir("apim-dsl-cli-deep-");
    let dir = guard.path();
    let deep = dir.join("deep.json");
    let chain = ".a".repeat(50_000);
    std::fs::write(
        &deep,
        format!(r#"{{"resources": [], "outputs": {{"o": {{"type": "string", "value": "[resourceGroup(){chain}]"}}}}}}"#),
    )
    .unwrap();
    let nested = dir.join("nested.json");
    std::fs::write(
        &nested,
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    )
    .unwrap();
    for file in [&deep, &nested] {
        for command in ["import", "check"] {
            let output = apim_dsl(&[command, file.to_str().unwrap()]);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{command}: {}",
                stderr(&output)
            );
        }
    }
}

#[test]
fn bash_completion_names_agree_with_its_case_arms() {
    let output = apim_dsl(&["completions", "bash"]);
    assert!(output.status.success());
    let script = stdout(&output);
    let assigned: Vec<&str> = script
        .lines()
        .filter_map(|l| l.trim().strip_prefix("cmd=\""))
        .filter_map(|l| l.strip_suffix('"'))
        .filter(|name| !name.is_empty())
        .collect();
    assert!(assigned.contains(&"apim__dsl__subcmd__check"), "{script}");
    for name in assigned {
        assert!(
            script.contains(&format!("\n        {name})\n")),
            "no case arm for cmd=\"{name}\""
        );
    }
    assert!(!script.contains("apim__subcmd__dsl"), "{script}");
    // And bash completes an option of a subcommand.
    let guard = tempdir("apim-dsl-cli-bash-");
    let dir = guard.path();
    let file = dir.join("apim-dsl.bash");
    std::fs::write(&file, &script).unwrap();
    let run = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}'; COMP_WORDS=(apim-dsl check --for); COMP_CWORD=2; _apim__dsl apim-dsl --for check; echo \"${{COMPREPLY[@]}}\"",
            file.display()
        ))
        .output();
    if let Ok(run) = run {
        assert!(
            String::from_utf8_lossy(&run.stdout).contains("--format"),
            "{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

#[test]
fn zsh_and_fish_completions_name_the_subcommands() {
    for shell in ["zsh", "fish"] {
        let output = apim_dsl(&["completions", shell]);
        assert!(output.status.success());
        let script = stdout(&output);
        for command in ["import", "check", "snapshot"] {
            assert!(script.contains(command), "{shell}: {script}");
        }
        assert!(!script.contains("apim__subcmd__dsl"), "{shell}");
    }
}

/// Runs the command with its standard output closed at once, as `| head -1`
/// closes it: the command ends quietly, no panic.
fn with_stdout_closed(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apim-dsl"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("it ends")
}

#[test]
fn a_closed_pipe_is_a_quiet_end() {
    let guard = tempdir("apim-dsl-cli-pipe-");
    let dir = guard.path();
    // Output larger than a pipe's buffer, so the write fails whenever the
    // reader goes.
    let many = dir.join("many.json");
    std::fs::write(
        &many,
        r#"{"resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
            "name": "[concat('s', copyIndex())]", "location": "westeurope",
            "copy": {"name": "c", "count": 800}}]}"#,
    )
    .unwrap();
    let many = many.to_str().unwrap();
    for args in [
        vec!["snapshot", many],
        vec!["import", SEED],
        vec!["check", "--format", "sarif", SEED],
        vec!["completions", "bash"],
    ] {
        let output = with_stdout_closed(&args);
        let err = stderr(&output);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {err}");
    }
}

/// `broken.json` with a byte order mark and comments that keep its lines.
fn broken_with_comments() -> String {
    let text = std::fs::read_to_string("tests/fixtures/broken.json").unwrap();
    let text = text
        .replace(
            "\"contentVersion\": \"1.0.0.0\",",
            "\"contentVersion\": \"1.0.0.0\", // a \"quoted\" // comment",
        )
        .replace("    }\n  ],", "    } /* a comment\n  over two lines */ ],");
    format!("\u{feff}{text}")
}

#[test]
fn check_accepts_a_byte_order_mark_and_comments_at_the_same_positions() {
    let guard = tempdir("apim-dsl-cli-bom-");
    let dir = guard.path();
    let file = dir.join("commented.json");
    std::fs::write(&file, broken_with_comments()).unwrap();
    let output = apim_dsl(&["check", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(!text.contains("not valid JSON"), "{text}");
    assert!(
        text.contains("commented.json:12:18: error: ADSL0404: unknown property `locaton`"),
        "{text}"
    );
    assert!(
        text.contains("commented.json:16:42: warning: ADSL0803"),
        "{text}"
    );
    // `//` in a string is not a comment.
    let seed = std::fs::read_to_string(SEED).unwrap();
    assert!(seed.contains("\"http://"));
    let commented = dir.join("seed.json");
    std::fs::write(
        &commented,
        format!("\u{feff}/* the seed */\n{seed}\n// the end\n"),
    )
    .unwrap();
    let output = apim_dsl(&["import", commented.to_str().unwrap(), "--name", "SEED"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("pub const SEED;"));
    let output = apim_dsl(&["check", commented.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn check_skips_parameters_files_with_a_note() {
    let parameters = "tests/fixtures/apim.parameters.json";
    let output = apim_dsl(&["check", SEED, parameters]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("apim.parameters.json: note: skipped: a deployment parameters file"),
        "{text}"
    );
    assert!(
        text.contains(
            "1 template(s) checked: 0 error(s), 1 warning(s), 1 parameters file(s) skipped"
        ),
        "{text}"
    );
    assert!(!text.contains("apim.parameters.json: error"), "{text}");

    let output = apim_dsl(&["check", "--format", "json", parameters]);
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report[0]["severity"], "note");
    assert_eq!(report.as_array().unwrap().len(), 1);

    let output = apim_dsl(&["check", "--format", "sarif", parameters]);
    assert_eq!(output.status.code(), Some(0));
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["level"], "note");
    assert_eq!(result["ruleId"], "apim-dsl/note");
}

#[test]
fn sarif_and_json_name_the_error_codes() {
    let guard = tempdir("apim-dsl-cli-sarif-");
    let dir = guard.path();
    let spaced = dir.join("my template#1.json");
    std::fs::copy("tests/fixtures/broken.json", &spaced).unwrap();
    let spaced = spaced.to_str().unwrap();
    let output = apim_dsl(&[
        "check",
        "--format",
        "sarif",
        "tests/fixtures/broken.json",
        "tests/fixtures/no-such-file.json",
        spaced,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = rules
        .iter()
        .find(|r| r["id"] == "ADSL0404")
        .expect("a rule");
    assert_eq!(rule["name"], "unknown-property");
    assert!(rule["shortDescription"]["text"].as_str().unwrap().len() > 10);
    assert_eq!(
        rule["helpUri"],
        "https://docs.rs/apim-dsl/latest/apim_dsl/errors/index.html#adsl0404-unknown-property"
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results[0]["ruleId"], "ADSL0404");
    assert_eq!(
        rules[results[0]["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "ADSL0404"
    );
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        assert!(rules.iter().any(|r| r["id"] == id), "{id}");
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1, "{result}");
        assert!(region["startColumn"].as_u64().unwrap() >= 1, "{result}");
    }
    let unreadable = results
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("cannot read")
        })
        .expect("the unreadable file");
    assert_eq!(unreadable["ruleId"], "apim-dsl/error");
    assert_eq!(
        unreadable["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 1, "startColumn": 1})
    );
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"tests/fixtures/broken.json"), "{uris:?}");
    assert!(
        uris.iter()
            .any(|u| u.starts_with("file:///") && u.ends_with("/my%20template%231.json")),
        "{uris:?}"
    );

    let output = apim_dsl(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/broken.json",
        "tests/fixtures/no-such-file.json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report[0]["code"], "ADSL0404");
    let unreadable = report.as_array().unwrap().last().unwrap();
    assert_eq!(unreadable["code"], serde_json::Value::Null);
    assert_eq!(unreadable["line"], 1);
    assert_eq!(unreadable["column"], 1);
}

/// Runs the command with `input` on its standard input.
fn apim_dsl_with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_apim-dsl"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().unwrap();
    // A command that refuses its arguments exits without reading its input,
    // so the pipe may be closed before everything is written.
    if let Err(error) = stdin.write_all(input.as_bytes()) {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
    }
    drop(stdin);
    child.wait_with_output().expect("it ends")
}

#[test]
fn import_name_must_be_a_screaming_snake_case_identifier() {
    for name in ["lower", "Mixed", "1ST", "MY-NAME", "_", "fn", ""] {
        let output = apim_dsl(&["import", SEED, "--name", name]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(stderr(&output).contains("SCREAMING_SNAKE_CASE"), "{name}");
        assert!(stdout(&output).is_empty());
    }
    for name in ["APIM", "_APIM_2", "A1"] {
        let output = apim_dsl(&["import", SEED, "--name", name]);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        assert!(stdout(&output).contains(&format!("pub const {name};")));
    }
    // `-p` is `--parameters`, as for snapshot.
    let output = apim_dsl(&["import", SEED, "-p", "tests/fixtures/apim.parameters.json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains(".parameter_file()"));
}

#[test]
fn a_dash_reads_standard_input() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let output = apim_dsl_with_stdin(&["import", "-"], &seed);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("pub const TEMPLATE;"),
        "{}",
        stdout(&output)
    );

    let broken = std::fs::read_to_string("tests/fixtures/broken.json").unwrap();
    let output = apim_dsl_with_stdin(&["check", "-"], &broken);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("<stdin>:12:18: error: ADSL0404"),
        "{}",
        stderr(&output)
    );

    let parameters = r#"{"parameters": {"serviceName": {"value": "apim-1"}}}"#;
    let output = apim_dsl_with_stdin(&["snapshot", SEED, "-p", "-"], parameters);
    assert!(output.status.success(), "{}", stderr(&output));
    let snapshot: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(
        snapshot["predictedResources"]
            .to_string()
            .contains("apim-1"),
        "{snapshot}"
    );

    let output = apim_dsl_with_stdin(&["check", "-", "-"], "{}");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("only one file can be `-`"));
}

#[test]
fn help_says_how_to_install_and_what_import_cannot_do() {
    let output = apim_dsl(&["--help"]);
    assert!(
        stdout(&output).contains("cargo install --path apim-dsl-cli"),
        "{}",
        stdout(&output)
    );
    let output = apim_dsl(&["import", "--help"]);
    let text = stdout(&output);
    for limit in [
        "condition",
        "inner",
        "reference()",
        "secureObject",
        "languageVersion",
        "definitions",
        "floating-point",
        "a dependsOn name that is both a copy loop's and a resource's",
        "--symbolic leaves as written",
    ] {
        assert!(text.contains(limit), "{limit}: {text}");
    }
    let readme = std::fs::read_to_string("README.md").unwrap();
    for section in [
        "cargo install --path apim-dsl-cli",
        "### Known limits of `import`",
        "### What `--symbolic` rewrites, and what it leaves",
    ] {
        assert!(readme.contains(section), "{section}");
    }
}

#[test]
fn a_key_given_twice_is_an_error_of_check_and_import() {
    for command in ["check", "import"] {
        let output = apim_dsl(&[command, "tests/fixtures/duplicate-key.json"]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert!(
            stderr(&output).contains(
                "tests/fixtures/duplicate-key.json:4:31: error: this key is given twice in one object"
            ),
            "{command}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn import_warns_of_every_value_it_keeps_with_accept() {
    // A typo the template really deploys is kept (exactness), but said.
    let output = apim_dsl(&["import", "tests/fixtures/accepted-typo.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("#[accept(\"sku.name\")]"),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains(
            "accepted-typo.json:6:22: warning: kept with `#[accept]`, as the template writes it, although the compiler says: ADSL0408: unknown value `Premuim`"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_reads_a_template_with_a_conditional_output() {
    // The DSL's outputs have no `condition`; check still checks the rest.
    let output = apim_dsl(&[
        "check",
        "../tests/arm-corpus/valid/apim-conditional-resources.json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("1 template(s) checked: 0 error(s)"),
        "{}",
        stderr(&output)
    );
}

/// A fresh directory named `prefix…`, removed when the guard is dropped (even
/// when the test fails).
fn tempdir(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(prefix).tempdir().unwrap()
}

#[test]
fn check_names_functions_namespaces_and_loops_as_the_template_does() {
    // `my-ns.build-name`, `first-part`, `self.$suffix`, `$n`, `ip-loop`: no
    // identifiers, checked under stand-ins that the messages never show.
    let output = apim_dsl(&["check", "tests/fixtures/odd-names.json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(!text.contains("stand_in"), "{text}");
    assert!(!text.contains("cannot be checked"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "tests/fixtures/odd-names.json:10:47: error: ADSL0303: the value of function `build-name` must be an int, found a string (at $.functions[0].members['build-name'].output.value)",
            "tests/fixtures/odd-names.json:31:47: error: ADSL0303: argument 1 of `$suffix` (parameter `$n`) must be an int, found a string (at $.resources[0].properties.idleTimeoutInMinutes)",
            "1 template(s) checked: 2 error(s), 0 warning(s)",
        ],
        "{text}"
    );
    // `import` still refuses the names, at their paths.
    let output = apim_dsl(&["import", "tests/fixtures/odd-names.json"]);
    assert_ne!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("namespace is a name"),
        "{}",
        stderr(&output)
    );
}

/// A resource's `metadata` that is computed is valid ARM: `check` passes it
/// with the warning `import` gives when it keeps it with
/// `#[accept("metadata")]`.
#[test]
fn check_and_import_agree_on_a_computed_resource_metadata() {
    let template = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "owner": { "type": "string" } },
  "resources": [
    {
      "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
      "apiVersion": "2023-01-31",
      "name": "id1",
      "location": "westeurope",
      "metadata": { "owner": "[parameters('owner')]" }
    }
  ]
}"#;
    let checked = apim_dsl_with_stdin(&["check", "-"], template);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    let imported = apim_dsl_with_stdin(&["import", "-"], template);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    assert!(stdout(&imported).contains("#[accept(\"metadata\")]"));
    let warning = "<stdin>:11:19: warning: kept with `#[accept]`, as the template writes it, although the compiler says: ADSL0404: unknown property `metadata`";
    for output in [&checked, &imported] {
        let text = stderr(output);
        let warnings: Vec<&str> = text.lines().filter(|l| l.contains("warning:")).collect();
        assert_eq!(warnings.len(), 1, "{text}");
        assert!(warnings[0].starts_with(warning), "{text}");
        assert!(
            warnings[0].ends_with("(at $.resources[0].metadata)"),
            "{text}"
        );
    }
    assert_eq!(
        stderr(&checked).lines().find(|l| l.contains("warning:")),
        stderr(&imported).lines().find(|l| l.contains("warning:"))
    );
}

#[test]
fn import_writes_a_nested_deployment_in_a_copy_loop_as_a_module_loop() {
    for symbolic in [false, true] {
        let mut args = vec!["import", "../tests/import/module-loop-per-region.json"];
        if symbolic {
            args.push("--symbolic");
        }
        let output = apim_dsl(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        for expected in [
            "    #[batchSize(1)]\n    module regionLoop = MODULE_LOOP_PER_REGION_REGION_LOOP for item in regions if deployRegions {\n",
            "scope: resourceGroup(concat(\"rg-\", prefix, \"-\", copyIndex(1))),",
            "identityName: concat(prefix, \"-\", regions[copyIndex()]),",
            "dependsOn: [regionLoop],",
            "pub const MODULE_LOOP_PER_REGION_REGION_LOOP;",
        ] {
            assert!(text.contains(expected), "{expected}\n{text}");
        }
    }
}

/// A module loop's `"mode": "Parallel"` is ARM's default, a loop without an
/// attribute; a `batchSize` without `"mode": "serial"` has no DSL form and is
/// refused at its line, saying what to write.
#[test]
fn import_of_a_module_loop_reads_its_mode_and_names_what_the_dsl_cannot_write() {
    let output = apim_dsl(&["import", "tests/fixtures/module-loop-parallel.json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("module regions = "), "{text}");
    assert!(!text.contains("batchSize"), "{text}");
    let output = apim_dsl(&["import", "tests/fixtures/module-loop-parallel-batch.json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("tests/fixtures/module-loop-parallel-batch.json:9:81: error: a `batchSize` goes with `\"mode\": \"serial\"`"),
        "{text}"
    );
    assert!(
        text.contains("add `\"mode\": \"serial\"`, or remove the `batchSize` (at $.resources[0].copy.batchSize)"),
        "{text}"
    );
    assert!(stdout(&output).is_empty());
}

/// The reviewer's reproductions: a module loop named `loop`, two module
/// symbols mapping to one constant, a loop counting an object parameter,
/// and empty sections import (exactly and with `--symbolic`) and check
/// clean; a `dependsOn` name of both a loop and a deployment is refused at
/// its line by both commands.
#[test]
fn the_reviewed_templates_import_or_are_refused_at_their_line() {
    for (file, expected) in [
        (
            "review-kw",
            "module r#loop = REVIEW_KW_LOOP for item in range(0, 2) {",
        ),
        (
            "review-collide",
            "module region_loop = REVIEW_COLLIDE_REGION_LOOP_2 for item in range(0, 2) {",
        ),
        (
            "review-object-count",
            "module apiLoop = REVIEW_OBJECT_COUNT_API_LOOP for item in range(0, length(apis)) {",
        ),
        (
            "review-empty-sections",
            "#[emptySections(\"functions\", \"parameters\", \"variables\", \"outputs\")]",
        ),
    ] {
        let path = format!("tests/fixtures/{file}.json");
        for symbolic in [false, true] {
            let mut args = vec!["import", path.as_str()];
            if symbolic {
                args.push("--symbolic");
            }
            let output = apim_dsl(&args);
            assert_eq!(output.status.code(), Some(0), "{file}: {}", stderr(&output));
            assert!(
                stdout(&output).contains(expected),
                "{file}: {}",
                stdout(&output)
            );
        }
        let output = apim_dsl(&["check", &path]);
        assert_eq!(output.status.code(), Some(0), "{file}: {}", stdout(&output));
    }
    let path = "tests/fixtures/review-ambiguous.json";
    for args in [
        vec!["import", path],
        vec!["import", path, "--symbolic"],
        vec!["check", path],
    ] {
        let output = apim_dsl(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let text = format!("{}{}", stdout(&output), stderr(&output));
        assert!(
            text.contains("review-ambiguous.json:11:9: error: ")
                && text.contains("names both the copy loop `lp` and the deployment `lp`"),
            "{args:?}: {text}"
        );
    }
}

/// `dependsOn` names a child by its own name, the last segment of its full
/// name, nested or declared at the top level with a combined name, ignoring
/// case; a name two resources have is an error at the entry listing both.
#[test]
fn check_takes_a_child_by_its_own_name_and_lists_the_candidates_of_an_ambiguous_one() {
    let output = apim_dsl(&["check", "tests/fixtures/depends-short-names.json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    let ambiguous = "error: ADSL0502: this `dependsOn` entry is a name that several resources of this template have, and ARM takes a name only when one resource has it: `subnets` (a `Microsoft.Network/virtualNetworks/subnets` named `vnet1/default`), `subnets4` (a `Microsoft.Network/virtualNetworks/subnets` named `vnet2/default`); name the one to wait for by its id (`resourceId(type, name...)`, with its type and full name)";
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!("tests/fixtures/depends-short-names.json:26:35: {ambiguous} (at $.resources[0].resources[1].dependsOn[1])").as_str(),
            format!("tests/fixtures/depends-short-names.json:57:47: {ambiguous} (at $.resources[4].dependsOn[2])").as_str(),
            "1 template(s) checked: 2 error(s), 0 warning(s)",
        ],
        "`data`, `vnet2/default` and `[parameters('subnetName')]` name one resource each"
    );
}

/// An Application Insights component tagged `hidden-link:` with the id of
/// the site that waits for it is no cycle: an id, written out or through a
/// variable, makes nothing wait (in ARM, and in the DSL); `import --symbolic`
/// keeps it an id. A `reference()` of the site there still waits for it, as
/// the DSL documents, which is a cycle.
#[test]
fn a_hidden_link_tag_is_no_dependency_but_a_reference_is() {
    let output = apim_dsl(&["check", "tests/fixtures/hidden-link.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let imported = apim_dsl(&["import", "--symbolic", "tests/fixtures/hidden-link.json"]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let text = stdout(&imported);
    assert!(
        text.contains(
            r#"[concat("hidden-link:", resourceId("Microsoft.Web/sites", "site1"))]: "Resource","#
        ),
        "{text}"
    );
    // Where the site waits for the plan, its id becomes the plan's symbol.
    assert!(text.contains("serverFarmId: serverfarms.id,"), "{text}");
    let output = apim_dsl(&["check", "tests/fixtures/hidden-link-reference.json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stderr(&output).lines().collect::<Vec<_>>(),
        [
            "tests/fixtures/hidden-link-reference.json:18:15: error: ADSL0501: dependency cycle: `sites` -> `components` -> `sites`; ARM cannot deploy any of them first (at $.resources[1].name)",
            "1 template(s) checked: 1 error(s), 0 warning(s)",
        ]
    );
}

/// A lint's warning carries the lint's name: at the end of the text, in
/// JSON's `lint`, and as its own SARIF rule, so that CI can tell lints
/// apart; an error's `lint` is `null`.
#[test]
fn lint_warnings_carry_their_names() {
    let file = "tests/fixtures/lints.json";
    let output = apim_dsl(&["check", file]);
    assert_eq!(output.status.code(), Some(0));
    let text = stderr(&output);
    assert!(
        text.contains("is never used (Bicep's no-unused-params): use it, remove it (lint: unused)"),
        "{text}"
    );
    assert!(text.contains("(lint: member_case)"), "{text}");

    let output = apim_dsl(&["check", "--format", "json", file]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let mut lints: Vec<(&str, &str)> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["path"].as_str().unwrap(), i["lint"].as_str().unwrap()))
        .collect();
    lints.sort_unstable();
    assert_eq!(
        lints,
        [
            ("$.outputs.region.value", "member_case"),
            ("$.parameters.spare", "unused")
        ],
        "{report}"
    );

    let output = apim_dsl(&["check", "--format", "sarif", file]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let mut rules: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    rules.sort_unstable();
    assert_eq!(rules, ["apim-dsl/lint/member_case", "apim-dsl/lint/unused"]);
    let described = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "apim-dsl/lint/unused" && r["name"] == "unused");
    assert!(described, "{sarif}");

    let output = apim_dsl(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/certain-failures.json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(
        report
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["severity"] == "error")
            .all(|i| i["lint"].is_null()),
        "{report}"
    );
}

/// An API version the type data lacks (ARM deploys it) imports with
/// `#[unchecked]`, said in a warning at the resource's `type`, and a
/// float where ARM evaluates expressions as `json("...")`: the import
/// succeeds, where it refused both.
#[test]
fn import_keeps_what_the_type_data_lacks_unchecked_and_floats_as_json() {
    let file = "tests/fixtures/unknown-to-the-type-data.json";
    let output = apim_dsl(&["import", file]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains(&format!(
            "{file}:6:15: warning: kept with `#[unchecked]`, as the template writes it, although the compiler says: ADSL0402: unknown API version `2018-06-01-preview` of `Microsoft.Sql/servers`"
        )),
        "{text}"
    );
    let source = stdout(&output);
    assert!(
        source.contains(
            "#[unchecked]\n    resource servers \"Microsoft.Sql/servers@2018-06-01-preview\""
        ),
        "{source}"
    );
    assert!(source.contains("threshold: json(\"60.5\")"), "{source}");
}
