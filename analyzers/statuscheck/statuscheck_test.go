package statuscheck_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
	"github.com/httpvet/httpvet/analyzers/statuscheck"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), statuscheck.Analyzer,
		"statuscheck/basic", "statuscheck/sdk", "statuscheck/sdkuser", "statuscheck/cleanup")
}

func TestFixes(t *testing.T) {
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), statuscheck.Analyzer,
		"statuscheck/fixerror", "statuscheck/fixstatus", "statuscheck/fixsafety")
	// A golden file is only compared when a fix touched its file: assert,
	// finding by finding, which ones carry a fix, so that a fix that
	// silently disappears (or appears where it is unsafe) fails the test.
	// Findings are named by their category and enclosing function.
	const checkErr, checkStatus = "Check the request error", "Check the response status"
	testsupport.ExpectFixes(t, findings, testsupport.ByFunc, map[string]string{
		"ignored-error fixerror.structResult":   checkErr,
		"ignored-error fixerror.manyResults":    checkErr,
		"ignored-error fixerror.namedResults":   checkErr,
		"ignored-error fixerror.typeParam":      checkErr,
		"ignored-error fixerror.errUsedLater":   checkErr,
		"ignored-error fixerror.assignExisting": checkErr,
		"ignored-error fixerror.overwritten":    checkErr,
		"ignored-error fixerror.literal":        checkErr,
		// fixerror: no error result to return, or no name for the error.
		"ignored-error fixerror.noErrorResult":        "",
		"ignored-error fixerror.assignOuterReadLater": "",
		// fixerror: no error check after the request to anchor the guard on.
		"unchecked-status fixerror.namedResults": "",
		"unchecked-status fixerror.overwritten":  "",

		"unchecked-status fixstatus.PaymentStatus": checkStatus,
		"unchecked-status fixstatus.withoutDefer":  checkStatus,
		"unchecked-status fixstatus.namedResults":  checkStatus,
		"unchecked-status fixstatus.typeParam":     checkStatus,
		"unchecked-status fixstatus.onlyError":     checkStatus,
		"unchecked-status fixstatus.fetchBalance":  checkStatus,
		// fixstatus: no error check to anchor on, or no error result.
		"unchecked-status fixstatus.noErrorCheck":  "",
		"ignored-error fixstatus.noErrorCheck":     checkErr, // the error is returned only after the body is read
		"unchecked-status fixstatus.noErrorResult": "",

		// fixsafety: the fix-safety rules of docs/statuscheck.md.
		"unchecked-status fixsafety.currentStage": "", // Stage's zero value is StageReady
		"ignored-error fixsafety.stageNoErrCheck": "",
		"unchecked-status fixsafety.refresh":      "", // returns the cached copy with the error
		"unchecked-status fixsafety.lookup":       "", // decodes the service's error document
		"ignored-error fixsafety.exists":          "", // restlib returns the 404 response with an error
	})
}

// TestLineDirective runs the fixes on a file whose lines a //line directive
// renumbers (naming the file itself): the edits land on the file's own lines.
func TestLineDirective(t *testing.T) {
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), statuscheck.Analyzer, "statuscheck/linedirective")
	testsupport.ExpectFixes(t, findings, testsupport.ByFunc, map[string]string{
		"ignored-error linedirective.renderBadge":   "Check the request error",
		"unchecked-status linedirective.renderFeed": "Check the response status",
	})
}
