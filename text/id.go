package text

import (
	"golang.org/x/text/language"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// Indonesian is the table for trainees in Indonesia, in the terms of AWS's Indonesian pages
// (kredensial, mengambil peran, token sesi, perangkat MFA virtual; see shared/GLOSSARY.md),
// with the standard spellings "kredensial" and "autentikasi" where those pages vary.
var Indonesian = Text{
	Tag:       language.Indonesian,
	TUI:       indonesianTUI,
	Role:      indonesianRole,
	LabScreen: indonesianLab,
	Steps: map[scenario.StepID]string{
		scenario.StepWhoAmI:       "Siapa saya",
		scenario.StepCreateUser:   "Buat pengguna IAM demo",
		scenario.StepCreateDevice: "Buat perangkat MFA virtual",
		scenario.StepShowQR:       "Tampilkan kode QR",
		scenario.StepEnableDevice: "Aktifkan perangkat",
		scenario.StepCreateKey:    "Buat kunci akses",
		scenario.StepWaitForKey:   "Tunggu kunci berfungsi",
		scenario.StepUserPolicy:   "Lampirkan kebijakan MFA",
		scenario.StepCreateRole:   "Buat peran",
		scenario.StepRolePolicy:   "Beri peran izinnya",
		scenario.StepAllowAssume:  "Izinkan pengguna mengambil peran",
		scenario.StepWithoutMFA:   "Cantumkan bucket tanpa MFA",
		scenario.StepWithMFA:      "Cantumkan bucket dengan MFA",
		scenario.StepCredentials:  "Dapatkan sesi lab",
		scenario.StepGrid:         "Jalankan lab kondisi",
		scenario.StepTeardown:     "Hapus sumber daya",
	},
	KindSteps: map[scenario.Kind]map[scenario.StepID]string{
		scenario.AssumeRole: {
			scenario.StepWithoutMFA: "Ambil peran tanpa MFA",
			scenario.StepWithMFA:    "Ambil peran dengan MFA",
		},
	},
	Kinds: map[scenario.Kind]string{
		scenario.SessionToken: "Cantumkan bucket hanya dengan MFA (token sesi)",
		scenario.AssumeRole:   "Peran yang hanya bisa diambil dengan MFA",
		scenario.Conditions:   "Lab kondisi: satu panggilan, tiga kredensial, tujuh kebijakan",
	},
	Targets: map[scenario.TargetKind]string{
		scenario.TargetEmulator: "emulator bawaan",
		scenario.TargetEndpoint: "endpoint",
		scenario.TargetLive:     "AWS sungguhan",
	},
	PolicyKinds: map[scenario.StepID]string{
		scenario.StepUserPolicy:  "kebijakan inline pengguna",
		scenario.StepCreateRole:  "kebijakan kepercayaan peran",
		scenario.StepRolePolicy:  "kebijakan terkelola",
		scenario.StepAllowAssume: "kebijakan inline pengguna",
	},
	Teardown: TeardownText{
		Ops: map[scenario.TeardownOp]string{
			scenario.OpDelete:     "dihapus",
			scenario.OpDetach:     "dilepas",
			scenario.OpDeactivate: "dinonaktifkan",
		},
		Status: map[scenario.ItemStatus]string{
			scenario.ItemPending:     "menunggu",
			scenario.ItemAlreadyGone: "sudah tidak ada",
			scenario.ItemFailed:      "GAGAL",
		},
		Items:   Forms{"%d item", "%d item"},
		Nothing: "tidak ada yang dibuat",
	},
	Lab: LabText{
		Columns: map[scenario.Credential]string{
			scenario.CredLongTerm: "kunci akses",
			scenario.CredNoMFA:    "sesi tanpa MFA",
			scenario.CredMFA:      "sesi MFA",
		},
		Policy: "kebijakan",
		Rows: map[string]string{
			scenario.RowAllowBool:     "Allow, Bool true",
			scenario.RowDenyBoolFalse: "Deny, Bool false",
			scenario.RowDenyIfExists:  "Deny, BoolIfExists false",
			scenario.RowDenyNull:      "Deny, Null true",
			scenario.RowTwoAllows:     "Allow MFA + Allow biasa",
			scenario.RowMaxAge:        "Allow, usia MFA < 300 dtk",
			scenario.RowMaxAgeLater:   "sama, 6 menit kemudian",
		},
		Lessons: map[string]string{
			scenario.RowAllowBool:     "Bool true gagal jika kunci bernilai false atau tidak ada: hanya sesi MFA yang boleh mencantumkan bucket.",
			scenario.RowDenyBoolFalse: "Kunci jangka panjang sama sekali tidak memiliki kunci MFA, jadi Deny dengan Bool false tidak pernah cocok dan Allow meloloskannya.",
			scenario.RowDenyIfExists:  "BoolIfExists juga cocok untuk kunci yang tidak ada: kini Deny juga menolak kunci jangka panjang.",
			scenario.RowDenyNull:      "Null true hanya memeriksa apakah kunci tidak ada: sesi tanpa MFA memilikinya (false) dan lolos.",
			scenario.RowTwoAllows:     "Satu Allow saja cukup: Allow tanpa kondisi di samping Allow MFA membuat kondisinya tidak berguna.",
			scenario.RowMaxAge:        "aws:MultiFactorAuthAge hanya ada di sesi MFA, dan menghitung detik sejak kode dimasukkan.",
			scenario.RowMaxAgeLater:   "Setelah sesi MFA melewati batas, kebijakan yang sama menolaknya: masuk lagi dengan kode baru.",
		},
		Allowed: "diizinkan",
		Denied:  "ditolak",
		Wrong:   "!",
		Skipped: map[scenario.SkipReason]string{
			scenario.SkipNoClock: "dilewati: hanya jam emulator bawaan yang bisa dimajukan, dan menunggu 6 menit akan menghentikan demo",
		},
		Sessions:     "sesi tanpa MFA (%s) dan sesi dengan MFA (%s), selain kunci jangka panjang pengguna",
		AsDocumented: "%s, semuanya sesuai dokumentasi AWS",
		WrongCells:   "%s, %s TIDAK sesuai dokumentasi AWS (ditandai !)",
		Cells:        Forms{"%d sel", "%d sel"},
		WrongCell:    "baris %d (%s), %s: %s, dokumentasi AWS: %s",
		Retry:        "baris %d: %s setelah %s: kebijakan mungkin masih menyebar, mencoba lagi",
		Why:          "alasan baris %d, %s: %s",
	},
	Why: WhyText{
		Request:   "%s oleh %s",
		Context:   "kunci MFA: %s",
		Key:       "%s=%s",
		Absent:    "%s tidak ada",
		Decided:   "simulator kebijakan IAM: %s (%s)",
		Statement: "pernyataan %d dari %s",
		Unplaced:  "sebuah pernyataan dari %s",
		None:      "tidak ada pernyataan yang mengizinkannya",
		Trust:     "Kebijakan milik pengguna sendiri mengizinkannya, jadi penolakan datang dari kebijakan kepercayaan peran: kondisi Bool-nya memerlukan aws:MultiFactorAuthPresent true.",
	},
	Plain: PlainText{
		Header:          "mfa-demo %s: skenario %s, eksekusi %s, target %s",
		WhereEmulator:   "emulator bawaan di %s",
		WhereEndpoint:   "endpoint %s",
		WhereLive:       "AWS sungguhan",
		Failed:          "GAGAL: %s",
		WhoAmI:          "%s (akun %s)",
		NotChecked:      "izin tidak diperiksa: %s",
		Checked:         "izin diperiksa dengan SimulatePrincipalPolicy pada %s: semua yang dibutuhkan demo diizinkan",
		OptionalMissing: "opsional, tidak diizinkan: %s (penjelasan demo jadi lebih sedikit)",
		ClockOff: "PERINGATAN: jam Anda selisih sekitar %s (%s jam AWS). Demo memperhitungkannya, tetapi aplikasi autentikator " +
			"di perangkat yang jamnya juga salah memberi kode yang ditolak AWS: perbaiki waktu sistem (timedatectl set-ntp true)",
		Behind:    "di belakang",
		Ahead:     "di depan",
		User:      "%s (belum punya izin)",
		AutoMFA:   "autentikator bawaan menjawab setiap kode (--auto-mfa)",
		AddKey:    "tambahkan kunci ini ke aplikasi autentikator Anda (atau buat kode QR dari URI):",
		Secret:    "kunci rahasia: %s",
		URI:       "URI:           %s",
		Enabled:   "diaktifkan dengan dua kode berturut-turut",
		Key:       "%s (kunci rahasia %s, hanya disimpan di memori)",
		KeyAtOnce: "langsung berfungsi: %s",
		KeyAfter:  "berfungsi setelah %s, %s: %s",
		Attempts:  Forms{"%d percobaan", "%d percobaan"},
		Policy:    "%s %s: %s",
		Meaning: map[scenario.StepID]string{
			scenario.StepUserPolicy:  "Allow s3:ListAllMyBuckets hanya jika aws:MultiFactorAuthPresent bernilai true",
			scenario.StepCreateRole:  "pengguna demo boleh mengambil peran ini hanya jika aws:MultiFactorAuthPresent bernilai true",
			scenario.StepRolePolicy:  "Allow s3:ListAllMyBuckets, dilampirkan ke peran",
			scenario.StepAllowAssume: "Allow sts:AssumeRole pada peran",
		},
		DeniedSession:  "%s, sesuai harapan: aws:MultiFactorAuthPresent bernilai false dalam sesi tanpa MFA",
		AllowedSession: "PERINGATAN: diizinkan (%s): backend ini tidak menegakkan aws:MultiFactorAuthPresent",
		DeniedRole:     "%s, sesuai harapan: kebijakan kepercayaan memerlukan aws:MultiFactorAuthPresent, yang tidak ada pada panggilan tanpa MFA",
		AllowedRole:    "PERINGATAN: peran berhasil diambil: backend ini tidak menegakkan aws:MultiFactorAuthPresent di kebijakan kepercayaan",
		FromCondition: "Simulator kebijakan IAM setuju: kebijakan pengguna memberi %s dengan aws:MultiFactorAuthPresent=false dan %s dengan true,\n" +
			"jadi penolakan berasal dari kondisi MFA (bukan dari kebijakan yang masih menyebar)",
		NotFromCondition: "Simulator kebijakan IAM memberi %s dengan aws:MultiFactorAuthPresent=false dan %s dengan true:\n" +
			"penolakan tidak hanya berasal dari kondisi MFA",
		Why:           "Mengapa? %s",
		WithSession:   "%s [%s] sebagai %s dalam sesi MFA%s",
		WithRole:      "%s sekarang menjadi %s",
		RoleBuckets:   "%s [%s] dengan sesi peran%s",
		Retried:       " setelah %s dalam %s selama kebijakan menyebar",
		Retries:       Forms{"%d kali coba ulang karena AccessDenied", "%d kali coba ulang karena AccessDenied"},
		Buckets:       Forms{"%d bucket", "%d bucket"},
		WaitWindow:    "menunggu %s untuk jendela 30 detik berikutnya: setiap kode hanya diterima sekali",
		KeyRetry:      "%s setelah %s: IAM baru konsisten setelah beberapa saat, mencoba lagi",
		PolicyRetry:   "%s setelah %s: kebijakan mungkin masih menyebar, mencoba lagi",
		CallWaiting:   "menunggu %s %s: belum ada jawaban selama %s (percobaan %d dari %d; tiap percobaan menunggu paling lama %s)",
		CallRetry:     "%s %s gagal (%s): mencoba lagi, percobaan %d dari %d",
		TeardownRetry: "masih ada yang tersisa (%s): putaran penghapusan %d dari %d dalam %s",
		GaveUpRefused: "endpoint menolak semua koneksi selama %s: penghapusan berhenti mencoba lagi",
		EnterTwo:      "Masukkan dua kode berturut-turut dari aplikasi autentikator Anda untuk %s",
		EnterOne:      "Masukkan kode saat ini dari aplikasi autentikator Anda untuk %s",
		CodeLabel:     "kode",
		CodeLabelN:    "kode %d",
		Refused: RefusalText{
			Field:        "kode",
			FieldN:       "kode %d",
			Fields:       "kedua kode",
			NotSixDigits: "%s harus tepat 6 digit",
			Same:         "kedua kode sama: tunggu kode berikutnya (baru setiap 30 detik) dan ketik kode itu sebagai kode kedua",
			Used:         "%s sudah dipakai dalam eksekusi ini dan AWS menolak kode yang sama dua kali: tunggu %s untuk kode berikutnya",
			Rejected:     "AWS menolak %s (%s): periksa jam perangkat dan ketik kode saat ini",
			Other:        "%s ditolak",
		},
		Creates: map[scenario.Kind]string{
			scenario.SessionToken: "satu pengguna IAM, satu perangkat MFA, dan satu kunci akses",
			scenario.AssumeRole:   "satu pengguna IAM, satu perangkat MFA, satu kunci akses, satu peran, dan satu kebijakan terkelola",
			scenario.Conditions:   "satu pengguna IAM, satu perangkat MFA, satu kunci akses, dan kebijakan inline yang diganti tujuh kali",
		},
		Confirm:           "Ini membuat %s di akun %s sebagai %s\n(semuanya dihapus lagi di akhir). Lanjutkan? [y/N] ",
		NeedsConfirmation: "AWS sungguhan memerlukan konfirmasi: jalankan di terminal, atau berikan --yes",
		Lesson: map[scenario.Kind]string{
			scenario.SessionToken: "Pelajaran ditunjukkan: tanpa MFA pencantuman ditolak, dengan MFA berhasil. Penghapusan sumber daya selesai.",
			scenario.AssumeRole:   "Pelajaran ditunjukkan: tanpa MFA peran tidak bisa diambil, dengan MFA bisa, dan peran itu mencantumkan bucket. Penghapusan sumber daya selesai.",
			scenario.Conditions:   "Pelajaran ditunjukkan: setiap sel tabel sesuai dokumentasi AWS. Penghapusan sumber daya selesai.",
		},
		NotEnforced: "Backend ini tidak menegakkan aws:MultiFactorAuthPresent: %s,\n" +
			"jadi tidak ada pelajaran yang bisa ditunjukkan (AWS sungguhan dan emulator bawaan menolaknya). Penghapusan sumber daya selesai.",
		NotEnforcedWhat: map[scenario.Kind]string{
			scenario.SessionToken: "pencantuman tanpa MFA diizinkan",
			scenario.AssumeRole:   "peran diambil tanpa MFA",
			scenario.Conditions:   "beberapa sel tabel berbeda dari dokumentasi AWS (tercantum di atas)",
		},
		Interrupted: "Dihentikan.",
		FailedAt:    "Gagal pada %q (lihat di atas).",
		Error:       "mfa-demo: %s",
		Clean:       "Tidak ada yang tersisa dari yang dibuat eksekusi ini.",
		OutputClosed: "output ditutup sebelum selesai (%s); eksekusi tetap berjalan dan menghapus sumber daya, " +
			"dan status keluar menunjukkan hasilnya",
		Left:       "Tertinggal: %s",
		RemoveWith: "Hapus dengan: %s   (jurnal: %s)",
	},
	Cleanup: CleanupText{
		Elsewhere:   "Tidak disentuh (jurnal target lain): %s",
		Unverified:  "Tampaknya milik demo tetapi tidak bisa diperiksa, dibiarkan: %s",
		Nothing:     "Tidak ada yang perlu dibersihkan di %s (akun %s).",
		Found:       "Ditinggalkan di %s (akun %s) oleh eksekusi sebelumnya:",
		Run:         "eksekusi %s: %s",
		Ask:         "Hapus semua ini? [y/N] ",
		Kept:        "Tidak ada yang dihapus.",
		Discarding:  "Membuang %s yang tidak menyisakan apa pun di target ini.",
		Journals:    Forms{"%d jurnal", "%d jurnal"},
		FileRemoved: "%s dihapus: kode QR yang disimpan eksekusi sebelumnya (berisi kunci rahasia perangkat).",
		Done:        "Tidak ada yang tersisa.",
	},
	Reach: ReachText{
		Refused: "tidak ada yang menjawab di %s (koneksi ditolak): jalankan endpoint (misalnya `mfa-demo emulator` di terminal lain) atau perbaiki --endpoint-url",
		Silent:  "%s menerima koneksi tetapi tidak pernah menjawab (tidak ada jawaban dalam %s, %d percobaan): periksa bahwa --endpoint-url menunjuk endpoint yang kompatibel dengan AWS dan sedang berjalan",
		NotAWS:  "%s menjawab, tetapi tidak seperti API AWS (HTTP %d): --endpoint-url harus menunjuk endpoint yang kompatibel dengan AWS seperti `mfa-demo emulator` (http://127.0.0.1:4566)",
		AWS:     "AWS",
	},
	Command: CommandText{
		Usage:                 indonesianUsage,
		OperatorPolicyHelp:    indonesianOperatorPolicyHelp,
		Version:               "mfa-demo %s",
		UnexpectedArg:         "argumen tak terduga %q (lihat mfa-demo --help)",
		TwoTargets:            "--live dan --endpoint-url menunjuk dua target berbeda; pilih salah satu",
		UnknownScenario:       "skenario tidak dikenal %q (session-token, assume-role, atau conditions)",
		UnknownLang:           "bahasa %q untuk --lang tidak dikenal (pilih salah satu: %s)",
		BadAmbiguousWidth:     "--ambiguous-width harus auto, narrow, atau wide, bukan %q",
		BadQR:                 "--qr harus half atau full, bukan %q",
		BadRunID:              "--run-id harus 1-32 huruf kecil, angka, dan tanda hubung",
		NoCredentials:         "kredensial AWS tidak ditemukan: jalankan `aws configure` atau `aws sso login`, atau atur AWS_PROFILE / AWS_ACCESS_KEY_ID",
		BadCredentials:        "kredensial AWS yang dikonfigurasi tidak bisa dimuat: periksa AWS_PROFILE dan pengaturannya, atau jalankan `aws sso login` jika profil itu memakai SSO",
		LiveEndpoint:          "--live berarti AWS sungguhan, tetapi AWS_ENDPOINT_URL (atau profil bernama) menunjuk ke %s: hapus pengaturan itu, atau gunakan --endpoint-url",
		NoEndpointCredentials: "tidak ada kredensial AWS untuk --endpoint-url: setel AWS_ACCESS_KEY_ID dan AWS_SECRET_ACCESS_KEY (`mfa-demo emulator` menerima test dan test) atau AWS_PROFILE",
		BadEndpoint:           "--endpoint-url %q bukan URL seperti http://127.0.0.1:4566: perlu http:// atau https:// dan host",
		EmulatorListening:     "Emulator AWS (IAM, STS, S3) mendengarkan di %s\nakun %s, pengguna admin %s",
		EmulatorEverywhere:    "Mendengarkan di semua antarmuka (--listen %s): dari mesin lain, gunakan alamat mesin ini sebagai ganti 127.0.0.1.",
		EmulatorUse:           "Gunakan dari terminal lain (tempel ke bash):",
		EmulatorPathStyle:     "S3 bergaya path; AWS CLI dan SDK mengenalinya dari endpoint",
		EmulatorDemo:          "Demo terhadapnya:",
		EmulatorStop:          "Ctrl-C menghentikannya; semua status ada di memori dan ikut hilang.",
		EmulatorDelay:         "Kunci akses baru dan perubahan kebijakan perlu %s untuk berlaku (--propagation-delay).",
		EmulatorOffset:        "Jam emulator selisih %s dari jam mesin ini (--clock-offset).",
		HungUp:                "terminal terputus: menghapus sumber daya",
		Interrupted:           "dihentikan: menghapus sumber daya (hentikan sekali lagi untuk langsung keluar)",
		ExitNow:               "keluar tanpa menghapus sumber daya.",
		AbortEmulator:         "Emulator bawaan berakhir bersama proses ini, jadi tidak ada yang tertinggal di mana pun.",
		AbortLeft:             "Hapus yang ditinggalkan eksekusi ini dengan:\n  %s\nJurnal: %s",
	},
}

// indonesianUsage is the help text in Indonesian.
const indonesianUsage = `mfa-demo menjalankan demo MFA AWS langkah demi langkah: pengguna IAM, perangkat
MFA virtual, kebijakan yang mengizinkan s3:ListAllMyBuckets hanya jika
aws:MultiFactorAuthPresent bernilai true, pencantuman yang ditolak tanpa MFA dan
diizinkan dengan MFA, lalu penghapusan semua yang dibuatnya.

Penggunaan:
  mfa-demo [target] [flags]            jalankan demo
  mfa-demo cleanup [target] [--yes]    hapus yang ditinggalkan eksekusi yang
                                       terhenti di suatu target (bertanya dulu
                                       di terminal; --yes melewati pertanyaan)
  mfa-demo emulator [flags]            jalankan emulator AWS saja (--help untuk
                                       flag-nya)
  mfa-demo operator-policy             cetak kebijakan IAM hak akses minimum
                                       yang dibutuhkan kredensial operator
                                       untuk kedua skenario dan cleanup
  mfa-demo version                     cetak versi

Target (default: emulator bawaan):
  (tanpa flag)          emulator AWS yang dijalankan di dalam proses ini; tidak
                        ada yang keluar dari mesin dan tidak perlu akun AWS
  --endpoint-url URL    endpoint apa pun yang kompatibel dengan AWS (mfa-demo
                        emulator, moto, LocalStack); kredensial dan wilayah
                        diambil dari lingkungan (AWS_ACCESS_KEY_ID,
                        AWS_SECRET_ACCESS_KEY, AWS_PROFILE, AWS_REGION; wilayah
                        default us-east-1)
  --live                akun AWS Anda yang sungguhan, melalui rantai kredensial
                        default. Akun dan pemanggil ditampilkan dan harus
                        dikonfirmasi sebelum apa pun dibuat (--yes melewati
                        pertanyaan). Kredensial pengguna root ditolak.
                        Izin operator diperiksa lebih dulu
                        (SimulatePrincipalPolicy terhadap
                        ` + "`mfa-demo operator-policy`" + `); jika ada yang kurang,
                        eksekusi berhenti.

Flag:
  --plain               satu baris per langkah, kode dibaca dari stdin (dipakai
                        juga setiap kali stdin atau stdout bukan terminal)
  --auto-mfa            jawab setiap permintaan kode MFA dari seed perangkat,
                        seperti yang dilakukan aplikasi autentikator
  --scenario NAME       session-token (default): cantumkan bucket dengan
                        kebijakan yang memerlukan MFA; assume-role: ambil peran
                        yang kebijakan kepercayaannya memerlukan MFA. Tanpa flag
                        ini TUI membiarkan Anda memilih; conditions: lab
                        kondisi, satu pencantuman dengan kunci pengguna, sesi
                        tanpa MFA, dan sesi dengan MFA, terhadap tujuh kebijakan
                        MFA, sebagai tabel
  --yes                 jangan bertanya sebelum membuat (--live) atau menghapus
                        (cleanup). Hanya terminal yang ditanya: cleanup dari
                        skrip menghapus tanpa bertanya, --live dari skrip
                        menolak tanpa --yes
  --lang LANG           en, ja, pt-BR, atau id (bawaan: MFA_DEMO_LANG, lalu
                        lokal: LANGUAGE, LC_ALL, LC_MESSAGES, LANG)
  --ambiguous-width W   auto (bawaan), narrow, atau wide: cara terminal
                        menggambar karakter Asia Timur yang lebarnya ambigu,
                        seperti setengah blok kode QR; auto bertanya ke terminal
  --qr STYLE            half (bawaan): dua baris modul per baris; full: satu baris
                        modul per baris, untuk terminal yang memberi jarak antarbaris

Keamanan saat crash: setiap eksekusi mencatat yang dibuatnya di jurnal dalam
$MFA_DEMO_STATE_DIR (default ~/.local/state/mfa-demo). Setelah crash,
` + "`mfa-demo cleanup`" + ` dengan flag target yang sama menghapus yang tersisa, yang
ditemukan dari jurnal serta dari path /mfa-demo/ dan tag mfa-demo:run-id.
Ctrl-C pertama menghapus sumber daya lalu keluar; Ctrl-C kedua langsung keluar.
Menutup terminal (SIGHUP) juga menghapus sumber daya lalu keluar.

Status keluar:
  0  pelajaran ditunjukkan dan penghapusan selesai (cleanup: tidak ada yang tersisa)
  1  sebuah langkah gagal, atau ada yang tersisa; penghapusan sudah dicoba dan
     menyebutkan yang tersisa
  2  kesalahan penggunaan, kredensial root ditolak, atau eksekusi --live yang
     tidak dikonfirmasi
  3  backend tidak menegakkan aws:MultiFactorAuthPresent (pencantuman tanpa MFA
     berhasil, atau sel tabel lab berbeda dari dokumentasi AWS); penghapusan
     selesai
`

// indonesianOperatorPolicyHelp is the help of `mfa-demo operator-policy` in Indonesian.
const indonesianOperatorPolicyHelp = `Penggunaan: mfa-demo operator-policy > operator.json

Mencetak kebijakan IAM hak akses minimum (JSON) yang dibutuhkan kredensial yang
Anda pakai untuk menjalankan mfa-demo, untuk kedua skenario dan cleanup: hanya
yang dilakukan demo pada path /mfa-demo/ dan nama mfa-demo-, ditambah
pencantuman yang dipakai cleanup untuk menemukan sisa. Lampirkan, misalnya:

  aws iam put-user-policy --user-name YOU --policy-name mfa-demo-operator --policy-document file://operator.json
`
