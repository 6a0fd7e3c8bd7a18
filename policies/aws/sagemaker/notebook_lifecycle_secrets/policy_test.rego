package aipolicy.aws.sagemaker.notebook_lifecycle_secrets_test

import rego.v1

import data.aipolicy.aws.sagemaker.notebook_lifecycle_secrets as policy

view(attributes, unresolved) := {
	"resources": {"aws_sagemaker_notebook_instance_lifecycle_configuration.lc": {
		"id": "aws_sagemaker_notebook_instance_lifecycle_configuration.lc",
		"type": "aws_sagemaker_notebook_instance_lifecycle_configuration",
		"attributes": attributes,
		"unresolved": unresolved,
	}},
	"by_type": {"aws_sagemaker_notebook_instance_lifecycle_configuration": ["aws_sagemaker_notebook_instance_lifecycle_configuration.lc"]},
}

clean := concat("", [
	"#!/bin/bash\nset -e\n",
	"export DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ml/db --query SecretString --output text)\n",
	"pip install --quiet boto3\n",
])

leaky := {
	"an AWS access key id": "export AWS_ACCESS_KEY_ID=AKIAZ7Q3EXAMPLE4X2JD\n",
	"an AWS secret access key": "aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
	"a Hugging Face token": "huggingface-cli login --token hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n",
	"an API key starting with sk-": "echo 'OPENAI_API_KEY=sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34' >> .env\n",
	"a GitHub token": "git clone https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/acme/models.git\n",
	"a private key": "cat > id_rsa <<KEY\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nKEY\n",
	"a literal password": "mysql --host db.internal --user ml password=Sup3rS3cret!\n",
}

test_absent_scripts_pass if {
	count(policy.deny) == 0 with input as view({"name": "setup"}, [])
	count(policy.deny) == 0 with input as view({"on_create": null, "on_start": null}, [])
}

test_clean_scripts_pass if {
	count(policy.deny) == 0 with input as view({"on_create": base64.encode(clean), "on_start": base64.encode(clean)}, [])
}

test_each_kind_of_secret_fails_on_start if {
	every kind, script in leaky {
		findings := policy.deny with input as view({"on_start": base64.encode(concat("", [clean, script]))}, [])
		count(findings) == 1
		[f.attribute | some f in findings] == ["on_start"]
		every f in findings {
			contains(f.message, kind)
		}
	}
}

test_secret_in_on_create_fails if {
	findings := policy.deny with input as view({"on_create": base64.encode(leaky["a Hugging Face token"])}, [])
	count(findings) == 1
	some f in findings
	f.attribute == "on_create"
}

test_message_never_contains_the_secret if {
	findings := policy.deny with input as view({"on_start": base64.encode(leaky["an AWS access key id"])}, [])
	some f in findings
	not contains(f.message, "AKIA")
}

test_plain_text_script_is_searched_too if {
	count(policy.deny) == 1 with input as view(
		{"on_start": "#!/bin/bash\nexport HF_TOKEN=hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n"},
		[],
	)
}

test_variable_password_passes if {
	script := "export PGPASSWORD=\"$DB_PASS\"\npassword=${DB_PASS}\n"
	count(policy.deny) == 0 with input as view({"on_start": base64.encode(script)}, [])
}

test_unresolved_script_does_not_fail if {
	count(policy.deny) == 0 with input as view({"on_create": base64.encode(leaky["a private key"])}, ["on_create"])
}

test_non_string_is_ignored if {
	count(policy.deny) == 0 with input as view({"on_start": 42}, [])
}
