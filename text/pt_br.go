package text

import (
	"golang.org/x/text/language"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// BrazilianPortuguese is the table for trainees in Brazil, in the terms of AWS's pt-BR pages
// (perfil do IAM, credenciais temporárias, política de confiança, dispositivo de MFA virtual;
// see shared/GLOSSARY.md). A CLI profile is a "perfil nomeado", never a bare "perfil", which
// here is always the IAM role. Where and Field name things without an article, because
// Portuguese contracts a preposition with it ("no", "do").
var BrazilianPortuguese = Text{
	Tag:       language.BrazilianPortuguese,
	TUI:       brazilianPortugueseTUI,
	Role:      brazilianPortugueseRole,
	LabScreen: brazilianPortugueseLab,
	Steps: map[scenario.StepID]string{
		scenario.StepWhoAmI:       "Quem sou eu",
		scenario.StepCreateUser:   "Criar o usuário do IAM",
		scenario.StepCreateDevice: "Criar o dispositivo de MFA virtual",
		scenario.StepShowQR:       "Mostrar o código QR",
		scenario.StepEnableDevice: "Ativar o dispositivo",
		scenario.StepCreateKey:    "Criar uma chave de acesso",
		scenario.StepWaitForKey:   "Esperar a chave funcionar",
		scenario.StepUserPolicy:   "Anexar a política de MFA",
		scenario.StepCreateRole:   "Criar o perfil do IAM",
		scenario.StepRolePolicy:   "Dar a permissão ao perfil",
		scenario.StepAllowAssume:  "Deixar o usuário assumir o perfil",
		scenario.StepWithoutMFA:   "Listar buckets sem MFA",
		scenario.StepWithMFA:      "Listar buckets com MFA",
		scenario.StepCredentials:  "Obter as sessões do laboratório",
		scenario.StepGrid:         "Executar o laboratório de condições",
		scenario.StepTeardown:     "Excluir os recursos",
	},
	KindSteps: map[scenario.Kind]map[scenario.StepID]string{
		scenario.AssumeRole: {
			scenario.StepWithoutMFA: "Assumir o perfil sem MFA",
			scenario.StepWithMFA:    "Assumir o perfil com MFA",
		},
	},
	Kinds: map[scenario.Kind]string{
		scenario.SessionToken: "Listar buckets só com MFA (token de sessão)",
		scenario.AssumeRole:   "Um perfil do IAM que só pode ser assumido com MFA",
		scenario.Conditions:   "O laboratório de condições: uma chamada, três credenciais, sete políticas",
	},
	Targets: map[scenario.TargetKind]string{
		scenario.TargetEmulator: "emulador embutido",
		scenario.TargetEndpoint: "endpoint",
		scenario.TargetLive:     "AWS real",
	},
	PolicyKinds: map[scenario.StepID]string{
		scenario.StepUserPolicy:  "política em linha do usuário",
		scenario.StepCreateRole:  "política de confiança do perfil",
		scenario.StepRolePolicy:  "política gerenciada",
		scenario.StepAllowAssume: "política em linha do usuário",
	},
	Teardown: TeardownText{
		Ops: map[scenario.TeardownOp]string{
			scenario.OpDelete:     "excluído",
			scenario.OpDetach:     "desanexado",
			scenario.OpDeactivate: "desativado",
		},
		Status: map[scenario.ItemStatus]string{
			scenario.ItemPending:     "pendente",
			scenario.ItemAlreadyGone: "já não existe",
			scenario.ItemFailed:      "FALHOU",
		},
		Items:   Forms{"%d item", "%d itens"},
		Nothing: "nada foi criado",
	},
	Lab: LabText{
		Columns: map[scenario.Credential]string{
			scenario.CredLongTerm: "chave de acesso",
			scenario.CredNoMFA:    "sessão sem MFA",
			scenario.CredMFA:      "sessão com MFA",
		},
		Policy: "política",
		Rows: map[string]string{
			scenario.RowAllowBool:     "Allow, Bool true",
			scenario.RowDenyBoolFalse: "Deny, Bool false",
			scenario.RowDenyIfExists:  "Deny, BoolIfExists false",
			scenario.RowDenyNull:      "Deny, Null true",
			scenario.RowTwoAllows:     "Allow MFA + Allow simples",
			scenario.RowMaxAge:        "Allow, idade MFA < 300 s",
			scenario.RowMaxAgeLater:   "a mesma, 6 min depois",
		},
		Lessons: map[string]string{
			scenario.RowAllowBool:     "Bool true falha quando a chave é false ou está ausente: só a sessão com MFA pode listar os buckets.",
			scenario.RowDenyBoolFalse: "Uma chave de longo prazo não tem a chave de MFA, então um Deny com Bool false nunca se aplica a ela e o Allow a deixa passar.",
			scenario.RowDenyIfExists:  "BoolIfExists também se aplica a uma chave ausente: agora o Deny pega a chave de longo prazo também.",
			scenario.RowDenyNull:      "Null true só pergunta se a chave está ausente: uma sessão sem MFA tem a chave (false) e passa.",
			scenario.RowTwoAllows:     "Qualquer Allow basta: um Allow sem condição ao lado do Allow com MFA torna a condição inútil.",
			scenario.RowMaxAge:        "aws:MultiFactorAuthAge só existe numa sessão com MFA e conta os segundos desde o código.",
			scenario.RowMaxAgeLater:   "Quando a sessão com MFA passa do limite, a mesma política a recusa: entre de novo com um novo código.",
		},
		Allowed: "permitido",
		Denied:  "negado",
		Wrong:   "!",
		Skipped: map[scenario.SkipReason]string{
			scenario.SkipNoClock: "pulado: só o relógio do emulador embutido pode ser adiantado, e esperar 6 minutos travaria a demonstração",
		},
		Sessions:     "uma sessão sem MFA (%s) e uma com MFA (%s), além da chave de longo prazo do usuário",
		AsDocumented: "%s, todas como a AWS documenta",
		WrongCells:   "%s, %s NÃO como a AWS documenta (marcadas com !)",
		Cells:        Forms{"%d célula", "%d células"},
		WrongCell:    "linha %d (%s), %s: %s, a AWS documenta %s",
		Retry:        "linha %d: %s após %s: a política ainda pode estar se propagando, tentando de novo",
		Why:          "por que, linha %d, %s: %s",
	},
	Why: WhyText{
		Request:   "%s por %s",
		Context:   "chaves de MFA: %s",
		Key:       "%s=%s",
		Absent:    "%s ausente",
		Decided:   "simulador de políticas do IAM: %s (%s)",
		Statement: "declaração %d de %s",
		Unplaced:  "uma declaração de %s",
		None:      "nenhuma declaração a permitiu",
		Trust:     "A política do próprio usuário permite, então a recusa veio da política de confiança do perfil: a condição Bool dela exige aws:MultiFactorAuthPresent true.",
	},
	Plain: PlainText{
		Header:          "mfa-demo %s: cenário %s, execução %s, destino %s",
		WhereEmulator:   "emulador embutido em %s",
		WhereEndpoint:   "endpoint %s",
		WhereLive:       "AWS real",
		Failed:          "FALHOU: %s",
		WhoAmI:          "%s (conta %s)",
		NotChecked:      "permissões não verificadas: %s",
		Checked:         "permissões verificadas com SimulatePrincipalPolicy em %s: tudo o que a demo precisa é permitido",
		OptionalMissing: "opcional, não permitido: %s (a demo explica menos)",
		ClockOff: "AVISO: seu relógio está cerca de %s %s relógio da AWS. A demo compensa isso, mas um aplicativo autenticador " +
			"num dispositivo com o relógio também errado gera códigos que a AWS recusa: corrija a hora do sistema (timedatectl set-ntp true)",
		Behind:    "atrasado em relação ao",
		Ahead:     "adiantado em relação ao",
		User:      "%s (ainda sem permissões)",
		AutoMFA:   "o autenticador embutido responde a todos os códigos (--auto-mfa)",
		AddKey:    "adicione esta chave ao seu aplicativo autenticador (ou gere um código QR do URI):",
		Secret:    "chave secreta: %s",
		URI:       "URI:           %s",
		Enabled:   "ativado com dois códigos consecutivos",
		Key:       "%s (chave secreta %s, mantida só na memória)",
		KeyAtOnce: "funciona logo: %s",
		KeyAfter:  "funciona após %s, %s: %s",
		Attempts:  Forms{"%d tentativa", "%d tentativas"},
		Policy:    "%s %s: %s",
		Meaning: map[scenario.StepID]string{
			scenario.StepUserPolicy:  "Allow s3:ListAllMyBuckets só se aws:MultiFactorAuthPresent for true",
			scenario.StepCreateRole:  "o usuário da demo pode assumi-lo só se aws:MultiFactorAuthPresent for true",
			scenario.StepRolePolicy:  "Allow s3:ListAllMyBuckets, anexada ao perfil",
			scenario.StepAllowAssume: "Allow sts:AssumeRole no perfil",
		},
		DeniedSession:  "%s, como esperado: aws:MultiFactorAuthPresent é false numa sessão sem MFA",
		AllowedSession: "AVISO: permitido (%s): este backend não aplica aws:MultiFactorAuthPresent",
		DeniedRole:     "%s, como esperado: a política de confiança exige aws:MultiFactorAuthPresent, que falta numa chamada sem MFA",
		AllowedRole:    "AVISO: o perfil foi assumido: este backend não aplica o aws:MultiFactorAuthPresent da política de confiança",
		FromCondition: "O simulador de políticas do IAM concorda: a política do usuário dá %s com aws:MultiFactorAuthPresent=false e %s com true,\n" +
			"então a recusa vem da condição de MFA (não de uma política ainda em propagação)",
		NotFromCondition: "O simulador de políticas do IAM dá %s com aws:MultiFactorAuthPresent=false e %s com true:\n" +
			"a recusa não vem só da condição de MFA",
		Why:           "Por quê? %s",
		WithSession:   "%s [%s] como %s numa sessão com MFA%s",
		WithRole:      "%s agora é %s",
		RoleBuckets:   "%s [%s] com a sessão do perfil%s",
		Retried:       " após %s em %s enquanto a política se propagava",
		Retries:       Forms{"%d nova tentativa após AccessDenied", "%d novas tentativas após AccessDenied"},
		Buckets:       Forms{"%d bucket", "%d buckets"},
		WaitWindow:    "aguardando %s pela próxima janela de 30 segundos: cada código só é aceito uma vez",
		KeyRetry:      "%s após %s: o IAM tem consistência eventual, tentando de novo",
		PolicyRetry:   "%s após %s: a política pode ainda estar se propagando, tentando de novo",
		CallWaiting:   "aguardando %s %s: sem resposta há %s (tentativa %d de %d; cada tentativa espera no máximo %s)",
		CallRetry:     "%s %s falhou (%s): tentando de novo, tentativa %d de %d",
		TeardownRetry: "ainda resta algo (%s): passagem %d de %d da exclusão daqui a %s",
		GaveUpRefused: "o endpoint recusou todas as conexões por %s: a exclusão parou de tentar de novo",
		EnterTwo:      "Digite dois códigos consecutivos do seu aplicativo autenticador para %s",
		EnterOne:      "Digite o código atual do seu aplicativo autenticador para %s",
		CodeLabel:     "código",
		CodeLabelN:    "código %d",
		Refused: RefusalText{
			Field:        "código",
			FieldN:       "código %d",
			Fields:       "códigos",
			NotSixDigits: "%s: cada código tem exatamente 6 dígitos",
			Same:         "os dois códigos são iguais: espere o próximo código (um novo a cada 30 s) e digite esse como o segundo",
			Used:         "%s: já usado nesta execução, e a AWS não aceita o mesmo código duas vezes: espere %s pelo próximo",
			Rejected:     "%s: a AWS recusou (%s): confira o relógio do dispositivo e digite o código atual",
			Other:        "%s: recusado",
		},
		Creates: map[scenario.Kind]string{
			scenario.SessionToken: "um usuário do IAM, um dispositivo de MFA e uma chave de acesso",
			scenario.AssumeRole:   "um usuário do IAM, um dispositivo de MFA, uma chave de acesso, um perfil do IAM e uma política gerenciada",
			scenario.Conditions:   "um usuário do IAM, um dispositivo de MFA, uma chave de acesso e uma política em linha trocada sete vezes",
		},
		Confirm:           "Isto cria %s na conta %s como %s\n(tudo é excluído de novo no final). Continuar? [y/N] ",
		NeedsConfirmation: "a AWS real exige confirmação: execute num terminal ou passe --yes",
		Lesson: map[scenario.Kind]string{
			scenario.SessionToken: "Lição mostrada: sem MFA a listagem foi recusada, com MFA funcionou. Recursos excluídos.",
			scenario.AssumeRole:   "Lição mostrada: sem MFA o perfil não pôde ser assumido, com MFA pôde, e ele listou os buckets. Recursos excluídos.",
			scenario.Conditions:   "Lição mostrada: todas as células da grade saíram como a AWS documenta. Recursos excluídos.",
		},
		NotEnforced: "Este backend não aplicou aws:MultiFactorAuthPresent: %s,\n" +
			"então não houve lição a mostrar (a AWS real e o emulador embutido recusam). Recursos excluídos.",
		NotEnforcedWhat: map[scenario.Kind]string{
			scenario.SessionToken: "a listagem sem MFA foi permitida",
			scenario.AssumeRole:   "o perfil foi assumido sem MFA",
			scenario.Conditions:   "algumas células da grade diferem do que a AWS documenta (listadas acima)",
		},
		Interrupted: "Interrompido.",
		FailedAt:    "Falhou em %q (veja acima).",
		Error:       "mfa-demo: %s",
		Clean:       "Não restou nada do que esta execução criou.",
		OutputClosed: "a saída foi fechada antes do fim (%s); a execução continuou e excluiu os recursos, " +
			"e o status de saída diz como terminou",
		Left:       "Ficou para trás: %s",
		RemoveWith: "Remova com: %s   (diário: %s)",
	},
	Cleanup: CleanupText{
		Elsewhere:   "Não tocado (diário de outro destino): %s",
		Unverified:  "Parece ser da demo, mas não pôde ser verificado; deixado como está: %s",
		Nothing:     "Nada a limpar no destino %s (conta %s).",
		Found:       "Restos de execuções anteriores no destino %s (conta %s):",
		Run:         "execução %s: %s",
		Ask:         "Excluir tudo isso? [y/N] ",
		Kept:        "Nada foi excluído.",
		Discarding:  "Descartando %s sem nada restante neste destino.",
		Journals:    Forms{"%d diário", "%d diários"},
		FileRemoved: "%s excluído: um código QR que uma execução anterior salvou (contém a chave secreta do dispositivo).",
		Done:        "Não restou nada.",
	},
	Reach: ReachText{
		Refused: "nada responde em %s (conexão recusada): inicie o endpoint (por exemplo `mfa-demo emulator` em outro terminal) ou corrija --endpoint-url",
		Silent:  "%s aceita conexões mas nunca responde (sem resposta em %s, %d tentativas): verifique se --endpoint-url indica um endpoint compatível com a AWS em execução",
		NotAWS:  "%s responde, mas não como uma API da AWS (HTTP %d): --endpoint-url deve indicar um endpoint compatível com a AWS, como `mfa-demo emulator` (http://127.0.0.1:4566)",
		AWS:     "AWS",
	},
	Command: CommandText{
		Usage:                 brazilianPortugueseUsage,
		OperatorPolicyHelp:    brazilianPortugueseOperatorPolicyHelp,
		Version:               "mfa-demo %s",
		UnexpectedArg:         "argumento inesperado %q (veja mfa-demo --help)",
		TwoTargets:            "--live e --endpoint-url indicam destinos diferentes; escolha um",
		UnknownScenario:       "cenário desconhecido %q (session-token, assume-role ou conditions)",
		UnknownLang:           "idioma %q desconhecido em --lang (use um destes: %s)",
		BadAmbiguousWidth:     "--ambiguous-width deve ser auto, narrow ou wide, não %q",
		BadQR:                 "--qr deve ser half ou full, não %q",
		BadRunID:              "--run-id deve ter de 1 a 32 letras minúsculas, dígitos e hifens",
		NoCredentials:         "nenhuma credencial da AWS encontrada: execute `aws configure` ou `aws sso login`, ou defina AWS_PROFILE / AWS_ACCESS_KEY_ID",
		BadCredentials:        "não foi possível carregar as credenciais da AWS configuradas: verifique AWS_PROFILE e as configurações dele, ou execute `aws sso login` se ele usa SSO",
		LiveEndpoint:          "--live significa a AWS real, mas AWS_ENDPOINT_URL (ou o perfil nomeado) aponta para %s: remova-o ou use --endpoint-url",
		NoEndpointCredentials: "não há credenciais da AWS para --endpoint-url: defina AWS_ACCESS_KEY_ID e AWS_SECRET_ACCESS_KEY (`mfa-demo emulator` aceita test e test) ou AWS_PROFILE",
		BadEndpoint:           "--endpoint-url %q não é uma URL como http://127.0.0.1:4566: precisa de http:// ou https:// e de um host",
		EmulatorListening:     "Emulador da AWS (IAM, STS, S3) escutando em %s\nconta %s, usuário administrador %s",
		EmulatorEverywhere:    "Escuta em todas as interfaces (--listen %s): de outra máquina, use o endereço desta máquina em vez de 127.0.0.1.",
		EmulatorUse:           "Use-o em outro terminal (cole no bash):",
		EmulatorPathStyle:     "o S3 usa estilo de caminho; a AWS CLI e os SDKs percebem isso pelo endpoint",
		EmulatorDemo:          "A demo contra ele:",
		EmulatorStop:          "Ctrl-C o interrompe; todo o estado está na memória e vai junto.",
		EmulatorDelay:         "Novas chaves de acesso e mudanças de política levam %s para valer (--propagation-delay).",
		EmulatorOffset:        "O relógio do emulador está %s fora do desta máquina (--clock-offset).",
		HungUp:                "o terminal foi desconectado: excluindo os recursos",
		Interrupted:           "interrompido: excluindo os recursos (interrompa de novo para sair na hora)",
		ExitNow:               "saindo sem excluir os recursos.",
		AbortEmulator:         "O emulador embutido termina com este processo, então nada fica em lugar nenhum.",
		AbortLeft:             "Remova o que esta execução deixou com:\n  %s\nDiário: %s",
	},
}

// brazilianPortugueseUsage is the help text in Brazilian Portuguese.
const brazilianPortugueseUsage = `mfa-demo percorre a demo de MFA da AWS: um usuário do IAM, um dispositivo de MFA
virtual, uma política que permite s3:ListAllMyBuckets só quando
aws:MultiFactorAuthPresent é true, a listagem recusada sem MFA e permitida com
MFA, e a exclusão de tudo o que ela criou.

Uso:
  mfa-demo [target] [flags]            executa a demo
  mfa-demo cleanup [target] [--yes]    remove o que execuções interrompidas
                                       deixaram num destino (pergunta antes
                                       num terminal; --yes pula a pergunta)
  mfa-demo emulator [flags]            serve só o emulador da AWS (--help
                                       para as flags dele)
  mfa-demo operator-policy             mostra a política do IAM de privilégio
                                       mínimo que as credenciais do operador
                                       precisam para os dois cenários e para
                                       o cleanup
  mfa-demo version                     mostra a versão

Destinos (padrão: o emulador embutido):
  (sem flag)            um emulador da AWS iniciado dentro deste processo; nada
                        sai da máquina e nenhuma conta da AWS é necessária
  --endpoint-url URL    qualquer endpoint compatível com a AWS (mfa-demo
                        emulator, moto, LocalStack); credenciais e região vêm
                        do ambiente
                        (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE,
                        AWS_REGION; região padrão us-east-1)
  --live                sua conta real da AWS, pela cadeia padrão de
                        credenciais.
                        A conta e o chamador são mostrados e precisam ser
                        confirmados antes de qualquer criação (--yes pula a
                        pergunta). Credenciais de usuário raiz são recusadas.
                        As permissões do operador são verificadas primeiro
                        (SimulatePrincipalPolicy contra
                        ` + "`mfa-demo operator-policy`" + `); se faltar uma, a execução
                        para.

Flags:
  --plain               uma linha por passo, códigos lidos da entrada padrão
                        (usado também sempre que a entrada ou a saída padrão
                        não é um terminal)
  --auto-mfa            responde a todo pedido de código MFA a partir da
                        semente do dispositivo, como faria um aplicativo
                        autenticador
  --scenario NAME       session-token (padrão): lista buckets com uma política
                        que exige MFA; assume-role: assume um perfil do IAM cuja
                        política de confiança exige MFA. Sem esta flag, a TUI
                        deixa você escolher; conditions: o laboratório de
                        condições, uma listagem feita com a chave do usuário,
                        uma sessão sem MFA e uma com MFA, contra sete políticas
                        de MFA, em uma grade
  --yes                 não pergunta antes de criar (--live) nem de excluir
                        (cleanup). Só se pergunta num terminal: o cleanup num
                        script exclui sem perguntar, o --live num script recusa
                        sem --yes
  --lang LANG           en, ja, pt-BR ou id (padrão: MFA_DEMO_LANG, depois a
                        localidade: LANGUAGE, LC_ALL, LC_MESSAGES, LANG)
  --ambiguous-width W   auto (padrão), narrow ou wide: como o terminal desenha os
                        caracteres de largura ambígua do leste asiático, como os
                        meios blocos do código QR; auto pergunta ao terminal
  --qr STYLE            half (padrão): duas linhas de módulos por linha; full: uma
                        linha de módulos por linha, para terminais que deixam
                        espaço entre as linhas

Segurança contra falhas: cada execução registra o que cria num diário em
$MFA_DEMO_STATE_DIR (padrão ~/.local/state/mfa-demo). Depois de uma falha,
` + "`mfa-demo cleanup`" + ` com as mesmas flags de destino remove o que restou, encontrado
pelos diários e pelo caminho /mfa-demo/ e pela tag mfa-demo:run-id.
O primeiro Ctrl-C exclui os recursos e sai; um segundo sai na hora. Fechar o
terminal (SIGHUP) também exclui os recursos e sai.

Status de saída:
  0  a lição foi mostrada e os recursos foram excluídos (cleanup: não restou nada)
  1  um passo falhou, ou algo restou; a exclusão foi tentada e diz o que restou
  2  erro de uso, credenciais de usuário raiz recusadas, ou uma execução --live
     não confirmada
  3  o backend não aplicou aws:MultiFactorAuthPresent (a listagem sem MFA
     funcionou, ou uma célula da grade do laboratório difere do que a AWS
     documenta); os recursos foram excluídos
`

// brazilianPortugueseOperatorPolicyHelp is the help of `mfa-demo operator-policy` in
// Brazilian Portuguese.
const brazilianPortugueseOperatorPolicyHelp = `Uso: mfa-demo operator-policy > operator.json

Imprime a política do IAM de privilégio mínimo (JSON) de que precisam as
credenciais com que você executa o mfa-demo, para os dois cenários e para o
cleanup: só o que a demo faz no caminho /mfa-demo/ e nos nomes mfa-demo-, mais
as listagens que o cleanup usa para encontrar restos. Anexe-a, por exemplo:

  aws iam put-user-policy --user-name YOU --policy-name mfa-demo-operator --policy-document file://operator.json
`
