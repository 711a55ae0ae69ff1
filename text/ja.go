package text

import (
	"golang.org/x/text/language"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// Japanese is the table for trainees in Japan, in the terms of AWS's Japanese documentation
// (ロールを引き受ける, 一時的な認証情報, 信頼ポリシー, 仮想 MFA デバイス; see
// shared/GLOSSARY.md), with a half-width space between Japanese and Latin words as those pages
// write it.
var Japanese = Text{
	Tag:       language.Japanese,
	TUI:       japaneseTUI,
	Role:      japaneseRole,
	LabScreen: japaneseLab,
	Steps: map[scenario.StepID]string{
		scenario.StepWhoAmI:       "呼び出し元の確認",
		scenario.StepCreateUser:   "デモ用 IAM ユーザーを作成",
		scenario.StepCreateDevice: "仮想 MFA デバイスを作成",
		scenario.StepShowQR:       "QR コードを表示",
		scenario.StepEnableDevice: "MFA デバイスを有効化",
		scenario.StepCreateKey:    "アクセスキーを作成",
		scenario.StepWaitForKey:   "キーが使えるまで待機",
		scenario.StepUserPolicy:   "MFA ポリシーをアタッチ",
		scenario.StepCreateRole:   "ロールを作成",
		scenario.StepRolePolicy:   "ロールにアクセス許可を付与",
		scenario.StepAllowAssume:  "ロールの引き受けを許可",
		scenario.StepWithoutMFA:   "MFA なしでバケットを一覧表示",
		scenario.StepWithMFA:      "MFA ありでバケットを一覧表示",
		scenario.StepCredentials:  "ラボのセッションを取得",
		scenario.StepGrid:         "条件ラボを実行",
		scenario.StepTeardown:     "リソースを破棄",
	},
	KindSteps: map[scenario.Kind]map[scenario.StepID]string{
		scenario.AssumeRole: {
			scenario.StepWithoutMFA: "MFA なしでロールを引き受ける",
			scenario.StepWithMFA:    "MFA ありでロールを引き受ける",
		},
	},
	Kinds: map[scenario.Kind]string{
		scenario.SessionToken: "MFA 必須でバケットを一覧表示（セッショントークン）",
		scenario.AssumeRole:   "MFA がないと引き受けられないロール",
		scenario.Conditions:   "条件ラボ: 1 つの呼び出し、3 種類の認証情報、7 つのポリシー",
	},
	Targets: map[scenario.TargetKind]string{
		scenario.TargetEmulator: "組み込みエミュレーター",
		scenario.TargetEndpoint: "エンドポイント",
		scenario.TargetLive:     "実際の AWS",
	},
	PolicyKinds: map[scenario.StepID]string{
		scenario.StepUserPolicy:  "ユーザーのインラインポリシー",
		scenario.StepCreateRole:  "ロールの信頼ポリシー",
		scenario.StepRolePolicy:  "管理ポリシー",
		scenario.StepAllowAssume: "ユーザーのインラインポリシー",
	},
	Teardown: TeardownText{
		Ops: map[scenario.TeardownOp]string{
			scenario.OpDelete:     "削除済み",
			scenario.OpDetach:     "デタッチ済み",
			scenario.OpDeactivate: "無効化済み",
		},
		Status: map[scenario.ItemStatus]string{
			scenario.ItemPending:     "保留中",
			scenario.ItemAlreadyGone: "既に存在しない",
			scenario.ItemFailed:      "失敗",
		},
		Items:   Forms{"%d 件", "%d 件"},
		Nothing: "何も作成されませんでした",
	},
	Lab: LabText{
		Columns: map[scenario.Credential]string{
			scenario.CredLongTerm: "長期キー",
			scenario.CredNoMFA:    "MFA なし",
			scenario.CredMFA:      "MFA セッション",
		},
		Policy: "ポリシー",
		Rows: map[string]string{
			scenario.RowAllowBool:     "Allow, Bool true",
			scenario.RowDenyBoolFalse: "Deny, Bool false",
			scenario.RowDenyIfExists:  "Deny, BoolIfExists false",
			scenario.RowDenyNull:      "Deny, Null true",
			scenario.RowTwoAllows:     "MFA Allow + 無条件 Allow",
			scenario.RowMaxAge:        "Allow, MFA 経過 < 300 秒",
			scenario.RowMaxAgeLater:   "同じポリシー、6 分後",
		},
		Lessons: map[string]string{
			scenario.RowAllowBool:     "Bool true はキーが false または存在しないときに一致しません。バケットを一覧表示できるのは MFA セッションだけです。",
			scenario.RowDenyBoolFalse: "長期キーには MFA のキーがまったくないため、Bool false の Deny は一致せず、Allow によって許可されます。",
			scenario.RowDenyIfExists:  "BoolIfExists はキーが存在しない場合にも一致します。Deny が長期キーも拒否するようになります。",
			scenario.RowDenyNull:      "Null true はキーが存在しないかどうかだけを確認します。MFA なしのセッションにはキーがある (false) ため通過します。",
			scenario.RowTwoAllows:     "どれか 1 つの Allow で許可されます。MFA の Allow の横に条件なしの Allow があると、条件は意味を持ちません。",
			scenario.RowMaxAge:        "aws:MultiFactorAuthAge は MFA セッションにだけ存在し、コードからの経過秒数を表します。",
			scenario.RowMaxAgeLater:   "MFA セッションが上限より古くなると、同じポリシーで拒否されます。新しいコードでサインインしてください。",
		},
		Allowed: "許可",
		Denied:  "拒否",
		Wrong:   "!",
		Skipped: map[scenario.SkipReason]string{
			scenario.SkipNoClock: "スキップ: 時計を進められるのは組み込みエミュレーターだけで、6 分待つとデモが止まってしまいます",
		},
		Sessions:     "MFA なしのセッション (%s) と MFA ありのセッション (%s)、それにユーザーの長期キー",
		AsDocumented: "%s、すべて AWS のドキュメントどおり",
		WrongCells:   "%s、うち %s が AWS のドキュメントと異なります (! 印)",
		Cells:        Forms{"%d 個のセル", "%d 個のセル"},
		WrongCell:    "行 %d (%s)、%s: %s、AWS のドキュメントでは %s",
		Retry:        "行 %d: %s (%s 後): ポリシーがまだ反映中の可能性があります。再試行します",
		Why:          "理由 (行 %d、%s): %s",
	},
	Why: WhyText{
		Request:   "%s (呼び出し元 %s)",
		Context:   "MFA のキー: %s",
		Key:       "%s=%s",
		Absent:    "%s なし",
		Decided:   "IAM ポリシーシミュレーター: %s (%s)",
		Statement: "%[2]s のステートメント %[1]d",
		Unplaced:  "%s のステートメント",
		None:      "許可したステートメントはありません",
		Trust:     "ユーザー自身のポリシーは許可しているので、拒否したのはロールの信頼ポリシーです。その Bool 条件は aws:MultiFactorAuthPresent が true であることを要求します。",
	},
	Plain: PlainText{
		Header:          "mfa-demo %s：シナリオ %s、実行 %s、接続先 %s",
		WhereEmulator:   "組み込みエミュレーター（%s）",
		WhereEndpoint:   "エンドポイント %s",
		WhereLive:       "実際の AWS",
		Failed:          "失敗：%s",
		WhoAmI:          "%s（アカウント %s）",
		NotChecked:      "アクセス許可は確認していません：%s",
		Checked:         "%s に対して SimulatePrincipalPolicy でアクセス許可を確認しました：デモに必要なものはすべて許可されています",
		OptionalMissing: "任意、許可なし：%s（デモの説明が一部省かれます）",
		ClockOff:        "警告：このマシンの時計は AWS の時計より約 %s %s。デモはこれを補正しますが、時計が同じようにずれているデバイスの認証アプリが出すコードは AWS に拒否されます：システム時刻を修正してください（timedatectl set-ntp true）",
		Behind:          "遅れています",
		Ahead:           "進んでいます",
		User:            "%s（まだアクセス許可はありません）",
		AutoMFA:         "組み込み認証アプリがすべてのコードに答えます（--auto-mfa）",
		AddKey:          "このキーを認証アプリに追加してください（または URI から QR コードを作成）：",
		Secret:          "シークレット：%s",
		URI:             "URI：         %s",
		Enabled:         "連続する 2 つのコードで有効化しました",
		Key:             "%s（シークレット %s、メモリ内にのみ保持）",
		KeyAtOnce:       "すぐに使えました：%s",
		KeyAfter:        "%s（%s）で使えるようになりました：%s",
		Attempts:        Forms{"%d 回の試行", "%d 回の試行"},
		Policy:          "%s %s：%s",
		Meaning: map[scenario.StepID]string{
			scenario.StepUserPolicy:  "aws:MultiFactorAuthPresent が true のときだけ s3:ListAllMyBuckets を Allow",
			scenario.StepCreateRole:  "aws:MultiFactorAuthPresent が true のときだけ、デモ用ユーザーがこのロールを引き受けられる",
			scenario.StepRolePolicy:  "s3:ListAllMyBuckets を Allow、ロールにアタッチ",
			scenario.StepAllowAssume: "このロールに対する sts:AssumeRole を Allow",
		},
		DeniedSession:  "%s（想定どおり）：MFA なしのセッションでは aws:MultiFactorAuthPresent が false です",
		AllowedSession: "警告：許可されました（%s）：このバックエンドは aws:MultiFactorAuthPresent を強制していません",
		DeniedRole:     "%s（想定どおり）：信頼ポリシーは aws:MultiFactorAuthPresent を求めますが、MFA なしの呼び出しにはありません",
		AllowedRole:    "警告：ロールを引き受けられました：このバックエンドは信頼ポリシーの aws:MultiFactorAuthPresent を強制していません",
		FromCondition: "IAM のポリシーシミュレーターも同じ判定です：ユーザーのポリシーは aws:MultiFactorAuthPresent=false で %s、true で %s。\n" +
			"つまり拒否は MFA の条件によるものです（反映途中のポリシーによるものではありません）",
		NotFromCondition: "IAM のポリシーシミュレーターの判定は aws:MultiFactorAuthPresent=false で %s、true で %s：\n" +
			"拒否は MFA の条件だけによるものではありません",
		Why:           "理由: %s",
		WithSession:   "%s [%s]、MFA セッションの %s として%s",
		WithRole:      "%s は %s になりました",
		RoleBuckets:   "%s [%s]、ロールセッションで%s",
		Retried:       " （ポリシーの反映を待って %s、%s）",
		Retries:       Forms{"AccessDenied による再試行 %d 回", "AccessDenied による再試行 %d 回"},
		Buckets:       Forms{"%d 個のバケット", "%d 個のバケット"},
		WaitWindow:    "次の 30 秒の枠まで %s 待ちます：各コードは 1 回しか受け付けられません",
		KeyRetry:      "%s（%s 後）：IAM は結果整合性のため、再試行します",
		PolicyRetry:   "%s（%s 後）：ポリシーがまだ反映中の可能性があるため、再試行します",
		CallWaiting:   "%s %s の応答を待っています：%s 応答なし（試行 %d/%d、各試行の上限 %s）",
		CallRetry:     "%s %s が失敗しました（%s）：再試行します（試行 %d/%d）",
		TeardownRetry: "まだ残っているものがあります（%[1]s）：%[4]s 後に破棄をやり直します（%[2]d/%[3]d 回目）",
		GaveUpRefused: "エンドポイントが %s の間すべての接続を拒否しました：破棄の再試行を停止しました",
		EnterTwo:      "%s 用に、認証アプリに表示される連続した 2 つのコードを入力してください",
		EnterOne:      "%s 用に、認証アプリに表示されている現在のコードを入力してください",
		CodeLabel:     "コード",
		CodeLabelN:    "コード %d",
		Refused: RefusalText{
			Field:        "コード",
			FieldN:       "コード %d",
			Fields:       "コード",
			NotSixDigits: "%s は 6 桁の数字にしてください",
			Same:         "2 つのコードが同じです：次のコード（30 秒ごとに新しくなります）を待って、それを 2 つ目に入力してください",
			Used:         "%s はこの実行で既に使われており、AWS は同じコードを 2 回受け付けません：次のコードまで %s 待ってください",
			Rejected:     "AWS が %s を拒否しました（%s）：デバイスの時計を確認し、現在のコードを入力してください",
			Other:        "%s は拒否されました",
		},
		Creates: map[scenario.Kind]string{
			scenario.SessionToken: "IAM ユーザー、MFA デバイス、アクセスキー",
			scenario.AssumeRole:   "IAM ユーザー、MFA デバイス、アクセスキー、ロール、管理ポリシー",
			scenario.Conditions:   "IAM ユーザー、MFA デバイス、アクセスキー、7 回入れ替えるインラインポリシー",
		},
		Confirm:           "%[3]s として、アカウント %[2]s に %[1]s を作成します\n（最後にすべて削除します）。続けますか？ [y/N] ",
		NeedsConfirmation: "実際の AWS では確認が必要です：ターミナルで実行するか、--yes を指定してください",
		Lesson: map[scenario.Kind]string{
			scenario.SessionToken: "確認できたこと：MFA なしでは一覧表示が拒否され、MFA ありでは成功しました。リソースの破棄も完了しました。",
			scenario.AssumeRole:   "確認できたこと：MFA なしではロールを引き受けられず、MFA ありでは引き受けてバケットを一覧表示できました。リソースの破棄も完了しました。",
			scenario.Conditions:   "確認できたこと：表のすべてのセルが AWS のドキュメントどおりになりました。リソースの破棄も完了しました。",
		},
		NotEnforced: "このバックエンドは aws:MultiFactorAuthPresent を強制しませんでした：%s。\n" +
			"そのため、確認できることはありませんでした（実際の AWS と組み込みエミュレーターは拒否します）。リソースの破棄は完了しました。",
		NotEnforcedWhat: map[scenario.Kind]string{
			scenario.SessionToken: "MFA なしの一覧表示が許可されました",
			scenario.AssumeRole:   "MFA なしでロールを引き受けられました",
			scenario.Conditions:   "表の一部のセルが AWS のドキュメントと異なります (上に一覧)",
		},
		Interrupted:  "中断しました。",
		FailedAt:     "%q で失敗しました（上記を参照）。",
		Error:        "mfa-demo: %s",
		Clean:        "この実行で作成したものは何も残っていません。",
		OutputClosed: "出力が途中で閉じられました（%s）。実行は続行してリソースを破棄しました。終了ステータスが結果を示します",
		Left:         "残っているもの：%s",
		RemoveWith:   "削除するには：%s   （ジャーナル：%s）",
	},
	Cleanup: CleanupText{
		Elsewhere:   "対象外（別の接続先のジャーナル）：%s",
		Unverified:  "デモのもののようですが確認できないため、そのままにします：%s",
		Nothing:     "%s（アカウント %s）に片付けるものはありません。",
		Found:       "%s（アカウント %s）に以前の実行が残したもの：",
		Run:         "実行 %s：%s",
		Ask:         "これらをすべて削除しますか？ [y/N] ",
		Kept:        "何も削除しませんでした。",
		Discarding:  "この接続先に何も残っていない %s を破棄します。",
		Journals:    Forms{"%d 個のジャーナル", "%d 個のジャーナル"},
		FileRemoved: "%s を削除しました：以前の実行が保存した QR コードです（デバイスのシークレットを含みます）。",
		Done:        "何も残っていません。",
	},
	Reach: ReachText{
		Refused: "%s で応答するものがありません（接続拒否）：エンドポイントを起動するか（例：別のターミナルで `mfa-demo emulator`）、--endpoint-url を修正してください",
		Silent:  "%s は接続を受け付けますが応答しません（%s 以内に応答なし、%d 回試行）：--endpoint-url が動作中の AWS 互換エンドポイントを指しているか確認してください",
		NotAWS:  "%s は応答しますが、AWS API の応答ではありません（HTTP %d）：--endpoint-url には `mfa-demo emulator`（http://127.0.0.1:4566）のような AWS 互換エンドポイントを指定してください",
		AWS:     "AWS",
	},
	Command: CommandText{
		Usage:                 japaneseUsage,
		OperatorPolicyHelp:    japaneseOperatorPolicyHelp,
		Version:               "mfa-demo %s",
		UnexpectedArg:         "予期しない引数 %q（mfa-demo --help を参照）",
		TwoTargets:            "--live と --endpoint-url は別々の接続先を指定しています：どちらか 1 つにしてください",
		UnknownScenario:       "不明なシナリオ %q (session-token、assume-role、conditions のいずれか)",
		UnknownLang:           "--lang の言語 %q は使用できません (使用できる言語: %s)",
		BadAmbiguousWidth:     "--ambiguous-width には auto、narrow、wide のいずれかを指定してください (指定された値: %q)",
		BadQR:                 "--qr には half か full を指定してください (指定された値: %q)",
		BadRunID:              "--run-id は 1-32 文字の英小文字、数字、ハイフンにしてください",
		NoCredentials:         "AWS の認証情報が見つかりません：`aws configure` か `aws sso login` を実行するか、AWS_PROFILE / AWS_ACCESS_KEY_ID を設定してください",
		BadCredentials:        "設定された AWS の認証情報を読み込めませんでした：AWS_PROFILE とその設定を確認するか、SSO を使う場合は `aws sso login` を実行してください",
		LiveEndpoint:          "--live は実際の AWS を指しますが、AWS_ENDPOINT_URL（またはプロファイル）が %s を指しています：設定を解除するか、--endpoint-url を使ってください",
		NoEndpointCredentials: "--endpoint-url 用の AWS 認証情報がありません：AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY（`mfa-demo emulator` は test と test を受け付けます）、または AWS_PROFILE を設定してください",
		BadEndpoint:           "--endpoint-url %q は http://127.0.0.1:4566 のような URL ではありません：http:// または https:// とホストが必要です",
		EmulatorListening:     "AWS エミュレーター（IAM、STS、S3）が %s で待ち受けています\nアカウント %s、管理ユーザー %s",
		EmulatorEverywhere:    "すべてのインターフェースで待ち受けています（--listen %s）：別のマシンからは 127.0.0.1 の代わりにこのマシンのアドレスを使ってください。",
		EmulatorUse:           "別のターミナルから使うには（bash に貼り付けます）：",
		EmulatorPathStyle:     "S3 はパス形式です。AWS CLI と SDK はエンドポイントからそれを判断します",
		EmulatorDemo:          "これに対してデモを実行するには：",
		EmulatorStop:          "Ctrl-C で停止します。状態はすべてメモリ上にあり、一緒に消えます。",
		EmulatorDelay:         "新しいアクセスキーとポリシーの変更が反映されるまで %s かかります（--propagation-delay）。",
		EmulatorOffset:        "エミュレーターの時計はこのマシンの時計から %s ずれています（--clock-offset）。",
		HungUp:                "ターミナルが切断されました：リソースを破棄します",
		Interrupted:           "中断されました：リソースを破棄します（もう一度中断するとすぐに終了します）",
		ExitNow:               "破棄せずに終了します。",
		AbortEmulator:         "組み込みエミュレーターはこのプロセスとともに終了するため、どこにも何も残りません。",
		AbortLeft:             "この実行が残したものを削除するには：\n  %s\nジャーナル：%s",
	},
}

// japaneseUsage is the help text in Japanese; its lines fit 80 columns, a Japanese
// character taking two.
const japaneseUsage = `mfa-demo は AWS の MFA デモを順に実行します：IAM ユーザーと仮想 MFA
デバイス、aws:MultiFactorAuthPresent が true のときだけ s3:ListAllMyBuckets を
許可するポリシーを作成し、MFA なしでは一覧表示が拒否され、MFA ありでは許可される
ことを示して、作成したものをすべて破棄します。

使い方：
  mfa-demo [target] [flags]            デモを実行する
  mfa-demo cleanup [target] [--yes]    中断された実行が接続先に残したものを
                                       削除する（ターミナルでは確認する。
                                       --yes で確認を省略）
  mfa-demo emulator [flags]            AWS エミュレーターを単独で起動する
                                       （フラグは --help で表示）
  mfa-demo operator-policy             両シナリオと cleanup に必要な、
                                       オペレーターの認証情報用の最小権限の
                                       IAM ポリシーを表示する
  mfa-demo version                     バージョンを表示する
  --lang LANG           en、ja、pt-BR、id のいずれか (既定: MFA_DEMO_LANG、
                        次にロケール LANGUAGE、LC_ALL、LC_MESSAGES、LANG)
  --ambiguous-width W   auto (既定)、narrow、wide: QR コードのハーフブロック
                        など、東アジアの文字幅が曖昧な文字をターミナルが
                        何桁で表示するか。auto はターミナルに問い合わせます
  --qr STYLE            half (既定): 1 行に 2 モジュール行。full: 1 行に
                        1 モジュール行 (行間に隙間ができるターミナル向け)

接続先（既定：組み込みエミュレーター）：
  （フラグなし）        このプロセス内で起動する AWS エミュレーター。マシンの
                        外には何も送られず、AWS アカウントも不要
  --endpoint-url URL    AWS 互換の任意のエンドポイント（mfa-demo emulator、
                        moto、LocalStack）。認証情報とリージョンは環境変数
                        から取得（AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、
                        AWS_PROFILE、AWS_REGION。リージョンの既定は us-east-1）
  --live                実際の AWS アカウント（デフォルトの認証情報チェーン
                        を使用）。何かを作成する前にアカウントと呼び出し元を
                        表示し、確認を求める（--yes で省略）。ルートユーザー
                        の認証情報は拒否する。最初にオペレーターのアクセス
                        許可を確認し（` + "`mfa-demo operator-policy`" + ` に対する
                        SimulatePrincipalPolicy）、不足があれば実行を止める

フラグ：
  --plain               1 ステップ 1 行、コードは標準入力から読む（標準入力
                        か標準出力がターミナルでないときも、このモード）
  --auto-mfa            MFA コードの入力にすべてデバイスのシードから答える
                        （認証アプリと同じ動作）
  --scenario NAME       session-token（既定）：MFA を必要とするポリシーで
                        バケットを一覧表示する。assume-role：信頼ポリシーが
                        MFA を必要とするロールを引き受ける。このフラグが
                        なければ TUI で選べる。conditions：条件ラボ。ユーザー
                        のキー、MFA なしのセッション、MFA ありのセッションで
                        バケットを一覧表示し、7 つの MFA ポリシーに対する
                        結果を表で示す
  --yes                 作成（--live）や削除（cleanup）の前に確認しない。
                        確認はターミナルでのみ行う：スクリプトからの cleanup
                        は確認なしで削除し、スクリプトからの --live は --yes
                        がなければ拒否する

クラッシュ対策：各実行は作成したものを $MFA_DEMO_STATE_DIR（既定は
~/.local/state/mfa-demo）のジャーナルに記録します。クラッシュ後は、同じ接続先
のフラグで ` + "`mfa-demo cleanup`" + ` を実行すると、ジャーナルと /mfa-demo/ パス、
mfa-demo:run-id タグから残ったものを見つけて削除します。1 回目の Ctrl-C で
破棄して終了し、2 回目ですぐに終了します。ターミナルを閉じた場合（SIGHUP）も
破棄して終了します。

終了ステータス：
  0  デモのポイントを示し、破棄が完了した（cleanup：何も残っていない）
  1  ステップが失敗した、または何かが残っている。破棄を試み、残ったものを示す
  2  使い方の誤り、ルートユーザーの認証情報の拒否、または確認されなかった
     ライブ実行
  3  バックエンドが aws:MultiFactorAuthPresent を強制しなかった（MFA なしの
     一覧表示が成功した、またはラボの表のセルが AWS のドキュメントと
     異なる）。破棄は完了している
`

// japaneseOperatorPolicyHelp is the help of `mfa-demo operator-policy` in Japanese; its
// lines fit 80 columns, a Japanese character taking two.
const japaneseOperatorPolicyHelp = `使い方：mfa-demo operator-policy > operator.json

mfa-demo を実行する認証情報が両シナリオと cleanup に必要とする、最小権限の
IAM ポリシー（JSON）を出力します：/mfa-demo/ パスと mfa-demo- で始まる名前に
対してデモが行う操作と、cleanup が残ったものを探すための一覧表示だけです。
アタッチの例：

  aws iam put-user-policy --user-name YOU --policy-name mfa-demo-operator --policy-document file://operator.json
`
